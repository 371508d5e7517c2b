"""Every write in events, one module per part. Registration's verbs are the app's most
used, so they are importable from here: `services.register(...)`."""

from events.services.registration import (
    RegistrationRefused,
    calendar_feed,
    cancel,
    check_in,
    promote_waitlist,
    register,
    renew_calendar_feed,
    seats_taken,
    undo_check_in,
)

__all__ = [
    "RegistrationRefused",
    "calendar_feed",
    "cancel",
    "check_in",
    "promote_waitlist",
    "register",
    "renew_calendar_feed",
    "seats_taken",
    "undo_check_in",
]
