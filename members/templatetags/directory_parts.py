"""{% page_links page query_string %}: what components/pagination.html prints (the links
to the previous and next pages, "Page 2 of 9"), written here for the directory, which
shows it on every visit: as an include with its translations it cost some 550 Python calls
a page, more than the two dozen cards it pages through. Its markup is the component's
(tests/members/test_directory_parts.py renders both)."""

from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def page_links(page, query_string=""):
    if not page.has_other_pages():
        return ""
    start = f"?{escape(query_string)}&amp;page=" if query_string else "?page="
    # Texts translated before the f-strings: makemessages does not look inside them.
    pages, previous, following = gettext("Pages"), gettext("Previous"), gettext("Next")
    parts = [f'<nav class="pagination" aria-label="{escape(pages)}">']
    if page.has_previous():
        parts.append(
            f'<a rel="prev" href="{start}{_number(page.previous_page_number())}">'
            f"{escape(previous)}</a>"
        )
    # As {% blocktranslate with %}: the translation as it is, its values escaped.
    where = gettext("Page %(number)s of %(total)s") % {
        "number": escape(_number(page.number)),
        "total": escape(_number(page.paginator.num_pages)),
    }
    parts.append(f'<span aria-current="page">{where}</span>')
    if page.has_next():
        parts.append(
            f'<a rel="next" href="{start}{_number(page.next_page_number())}">'
            f"{escape(following)}</a>"
        )
    parts.append("</nav>")
    return SafeString("\n".join(parts))


def _number(count):
    """A number as a template prints it ({{ count }}): localize() groups its digits only
    where USE_THOUSAND_SEPARATOR asks; without, it is the number as it is."""
    return localize(count) if settings.USE_THOUSAND_SEPARATOR else str(count)
