"""The notifications events send: about the member's registration, a change to an event
they are registered for, and meetings between attendees."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.notifications import NotificationKind, register


# The page each kind opens, from the activity's target and context (the event).
def the_ticket(target, event):
    return reverse("events:ticket", args=[event.slug])


def the_event(target, event):
    return event.get_absolute_url()


def people_to_meet(target, event):
    return reverse("events:people", args=[event.slug])


PROMOTED = register(
    NotificationKind(
        "event.promoted",
        _("A seat freed up: you are registered for %(title)s"),
        link=the_ticket,
        email_setting="email_events",
    )
)
REGISTERED = register(
    NotificationKind(
        "event.registered",
        _("%(actor)s registered you for %(title)s"),
        link=the_ticket,
        email_setting="email_events",
    )
)
WAITLISTED = register(
    NotificationKind(
        "event.waitlisted",
        _("%(actor)s put you on the waiting list of %(title)s"),
        link=the_ticket,
        email_setting="email_events",
    )
)
CHANGED = register(
    NotificationKind(
        "event.changed",
        _("%(title)s changed: see its new date, place or link"),
        link=the_event,
        email_setting="email_events",
    )
)
MEETING_REQUESTED = register(
    NotificationKind(
        "event.meeting_requested",
        _("%(actor)s asks to meet you at %(title)s"),
        link=people_to_meet,
        email_setting="email_events",
    )
)
MEETING_ACCEPTED = register(
    NotificationKind(
        "event.meeting_accepted",
        _("%(actor)s accepted to meet you at %(title)s"),
        link=people_to_meet,
        email_setting="email_events",
    )
)
MEETING_DECLINED = register(
    NotificationKind(
        "event.meeting_declined",
        _("%(actor)s declined your meeting request at %(title)s"),
        link=people_to_meet,
        email_setting="email_events",
    )
)
MEETING_CANCELLED = register(
    NotificationKind(
        "event.meeting_cancelled",
        _("%(actor)s cancelled your meeting at %(title)s"),
        link=people_to_meet,
        email_setting="email_events",
    )
)
