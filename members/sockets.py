"""Who may hold a WebSocket: the same people the pages let in.

Staff without an authenticator app are refused everywhere on the site but their sign-in and
two-factor pages (members.middleware.StaffMustUseTwoFactorMiddleware); on sockets they count
as signed out, so each consumer closes with its "unauthenticated" code (4401). Closed
accounts are signed out already: Django's backends refuse inactive users.
"""

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from members.permissions import lacks_required_two_factor


def socket_user(user_id):
    """The member as they are now, with their profile, or None when they may no longer
    hold a socket (account closed, staff without two-factor). Sockets re-read it when
    told that access changed, rather than trusting the user they opened with."""
    user = (
        get_user_model()
        .objects.select_related("profile")
        .filter(pk=user_id, is_active=True)
        .first()
    )
    if user is None or lacks_required_two_factor(user):
        return None
    return user


class StaffTwoFactorMiddleware(BaseMiddleware):
    """Inside AuthMiddlewareStack (the user is known): staff without two-factor become
    anonymous. Members cost nothing; staff one query when the socket opens."""

    async def __call__(self, scope, receive, send):
        user = scope.get("user")
        if (
            settings.MAILLAGE_STAFF_REQUIRE_TWO_FACTOR
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and await database_sync_to_async(lacks_required_two_factor)(user)
        ):
            scope = {**scope, "user": AnonymousUser()}
        return await super().__call__(scope, receive, send)
