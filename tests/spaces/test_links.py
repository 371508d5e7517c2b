"""spaces.links.links_by_key: one reversal for a list's links, each the link reverse() gives."""

import pytest
from django.urls import reverse
from django.utils import translation

from spaces.links import links_by_key


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("slug", ["jardins", "10-0-0", "0"])
def test_each_key_gets_the_link_reverse_gives(language, slug):
    with translation.override(language):
        report = links_by_key("spaces:report", slug, "chat")
        for key in (0, 1, 10, 987_654_321_012, 2**40):
            assert report(key) == reverse("spaces:report", args=[slug, "chat", key])
