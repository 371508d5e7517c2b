import functools
import zoneinfo

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from members.permissions import lacks_required_two_factor

ALLOWED_URL_PREFIXES = ("account_", "mfa_", "set_language")


class StaffMustUseTwoFactorMiddleware:
    """Staff must set up an authenticator app before doing anything else.

    Their sign-in, sign-out and two-factor pages stay reachable so they can.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return None
        url_name = request.resolver_match.url_name or ""
        if url_name.startswith(ALLOWED_URL_PREFIXES):
            return None
        if not lacks_required_two_factor(user):
            return None
        messages.warning(
            request, _("Staff accounts must use two-factor authentication. Set it up to continue.")
        )
        return redirect("mfa_activate_totp")


TIME_ZONE_COOKIE = "tz"


class ViewerTimeZoneMiddleware:
    """Show times in the viewer's zone: the one their browser reports (a cookie that
    static/js/timezone.js sets), else the site's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = _known_zone(request.COOKIES.get(TIME_ZONE_COOKIE, ""))
        if zone:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


@functools.cache
def _zone_names():
    """Read once: available_timezones() walks the time zone database on disk."""
    return frozenset(zoneinfo.available_timezones())


def _known_zone(name):
    if not name or name not in _zone_names():
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return None
