"""The notifications events send: about the member's registration, a change to an event
they are registered for, and meetings between attendees."""

from django.utils.translation import gettext_lazy as _

from common.notifications import NotificationKind, register

PROMOTED = register(
    NotificationKind(
        "event.promoted",
        _("A seat freed up: you are registered for %(title)s"),
        email_setting="email_events",
    )
)
REGISTERED = register(
    NotificationKind(
        "event.registered",
        _("%(actor)s registered you for %(title)s"),
        email_setting="email_events",
    )
)
WAITLISTED = register(
    NotificationKind(
        "event.waitlisted",
        _("%(actor)s put you on the waiting list of %(title)s"),
        email_setting="email_events",
    )
)
CHANGED = register(
    NotificationKind(
        "event.changed",
        _("%(title)s changed: see its new date, place or link"),
        email_setting="email_events",
    )
)
MEETING_REQUESTED = register(
    NotificationKind(
        "event.meeting_requested",
        _("%(actor)s asks to meet you at %(title)s"),
        email_setting="email_events",
    )
)
MEETING_ACCEPTED = register(
    NotificationKind(
        "event.meeting_accepted",
        _("%(actor)s accepted to meet you at %(title)s"),
        email_setting="email_events",
    )
)
MEETING_DECLINED = register(
    NotificationKind(
        "event.meeting_declined",
        _("%(actor)s declined your meeting request at %(title)s"),
        email_setting="email_events",
    )
)
MEETING_CANCELLED = register(
    NotificationKind(
        "event.meeting_cancelled",
        _("%(actor)s cancelled your meeting at %(title)s"),
        email_setting="email_events",
    )
)
