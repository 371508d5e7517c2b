from allauth.account import views as account_views
from csp.decorators import csp_update
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from common import views as common_views
from common.ratelimit import rate_limited
from community import views

admin.site.site_header = _("Maillage administration")
admin.site.site_title = _("Maillage")
admin.site.index_title = _("Community management")
admin.site.login = views.admin_login

# allauth's email page hides its pending-change form with style="display: none", which
# our Content-Security-Policy refuses: this page alone allows that one style attribute.
account_email = csp_update(
    {"style-src-attr": ["'unsafe-hashes'", "'sha256-ZdHxw9eWtnxUb3mk6tBS+gIiVUPE3pGM470keHPDFlE='"]}
)(account_views.email)

urlpatterns = [
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("health/", common_views.health, name="health"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    # Sign-up takes the same rate limit as every other write (allauth's own limits stay on).
    path(
        "accounts/signup/",
        rate_limited("signup")(account_views.signup),
        name="account_signup",
    ),
    path("accounts/email/", account_email, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("events/", include("events.urls")),
    path("spaces/", include("spaces.urls")),
    path("messages/", include("spaces.direct.urls")),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("notifications/read/", views.notifications_mark_all_read, name="notifications_read"),
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
    prefix_default_language=False,
)

if settings.MAILLAGE_SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            views.media,
        )
    ]
