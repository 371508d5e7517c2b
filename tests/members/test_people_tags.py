"""{% member_count %} and {% region_name %} print what {% blocktranslate count %} and
get_region_display printed."""

import pytest
from django.template import Context, Template
from django.utils import translation

from members.models import Profile

COUNTED = Template(
    "{% load i18n %}{% blocktranslate count counter=count %}{{ counter }} member{% plural %}"
    "{{ counter }} members{% endblocktranslate %}"
)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("grouped", [False, True])
def test_a_count_of_members_prints_as_blocktranslate_did(language, grouped, settings):
    settings.USE_THOUSAND_SEPARATOR = grouped
    tag = Template("{% load people %}{% member_count count %}")
    with translation.override(language):
        for count in (0, 1, 2, 1234567):
            context = Context({"count": count})
            assert tag.render(context) == COUNTED.render(context)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_region_is_named_as_get_region_display_did(language):
    tag = Template("{% load people %}{% region_name code %}")
    with translation.override(language):
        for code in ("03", "99", "42", "<b>"):
            expected = Template("{{ profile.get_region_display }}").render(
                Context({"profile": Profile(region=code)})
            )
            assert tag.render(Context({"code": code})) == expected
