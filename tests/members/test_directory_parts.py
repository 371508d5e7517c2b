"""{% page_links %} prints what components/pagination.html prints, on every page of a
list, with and without filters, in French and English."""

import re

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import get_template
from django.utils import translation

TAG = Template("{% load directory_parts %}{% page_links page query_string %}")


def squeezed(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("grouped", [False, True])
def test_the_links_print_what_the_component_printed(language, grouped, settings):
    settings.USE_THOUSAND_SEPARATOR = grouped
    component = get_template("components/pagination.html")
    for rows, per_page in ((range(3), 10), (range(25), 10), (range(30_000), 10)):
        paginator = Paginator(rows, per_page)
        for number in sorted({1, 2, paginator.num_pages - 1, paginator.num_pages}):
            if not 1 <= number <= paginator.num_pages:
                continue
            page = paginator.page(number)
            for query_string in ("", "q=gagnon&region=06", "q=%3Cb%3E&x=<b>"):
                context = {"page": page, "query_string": query_string}
                with translation.override(language):
                    expected = component.render(context)
                    printed = TAG.render(Context(context))
                assert squeezed(printed) == squeezed(expected), (number, query_string)


def test_a_single_page_prints_no_links():
    page = Paginator(range(3), 10).page(1)
    assert TAG.render(Context({"page": page, "query_string": ""})) == ""
