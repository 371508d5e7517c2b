"""The site's URLs, with reactions also under a rate limit of their own ("test_reaction"),
so that a test can see a write refused as too frequent in two clicks. Its own kind counts
once per click, whatever limits the site's views take themselves."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from common.ratelimit import rate_limited
from community.urls import urlpatterns as site_urlpatterns
from spaces.urls import POST_KIND
from spaces.views import posts

LIMITS = {"test_reaction": "1/h"}

urlpatterns = [
    *i18n_patterns(
        path(f"spaces/<slug:slug>/{POST_KIND}/react/", rate_limited("test_reaction")(posts.react)),
        prefix_default_language=False,
    ),
    *site_urlpatterns,
]
