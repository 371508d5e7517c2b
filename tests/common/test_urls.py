"""Links kept per process (common.urls) read as reverse() writes them, in each language."""

from django.urls import reverse
from django.utils import translation

from common.urls import cached_reverse, reverser


def test_a_kept_link_follows_the_language():
    for language, prefix in (("fr", "/spaces/"), ("en", "/en/spaces/")):
        with translation.override(language):
            assert cached_reverse("members:profile", 42) == reverse("members:profile", args=[42])
            assert cached_reverse("spaces:thread", "jardins", 7).startswith(prefix)
            assert cached_reverse("spaces:thread", "jardins", 7) == reverse(
                "spaces:thread", args=["jardins", 7]
            )


def test_a_lists_reverser_writes_what_reverse_writes_in_the_language_it_was_made_in():
    for language in ("fr", "en"):
        with translation.override(language):
            link = reverser()
            expected = reverse("spaces:thread", args=["jardins", 7])
        with translation.override("en" if language == "fr" else "fr"):
            assert link("spaces:thread", "jardins", 7) == expected


def test_a_kept_asset_is_the_static_url_and_follows_its_settings(settings):
    from django.templatetags.static import static

    from common.templatetags.links import asset

    assert asset("css/maillage.css") == static("css/maillage.css")
    settings.STATIC_URL = "/assets/"
    assert asset("css/maillage.css").startswith("/assets/")
