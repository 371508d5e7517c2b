"""Who may see an event, register, see the online link, check people in.

Public events: anyone, signed in or not. Member events: signed-in members. Space events:
the space's active members. Tier events: members whose membership in one of the event's
tiers is current. Staff: everything, published or not. An unpublished event
answers 404 to everyone else, so drafts are not disclosed.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from events.models import Event
from members.models import Membership as TierMembership
from spaces.models import Membership


def is_staff(user):
    return user.is_authenticated and user.is_staff


def in_audience(user, event):
    if is_staff(user) or event.audience == Event.Audience.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if event.audience == Event.Audience.MEMBERS:
        return True
    if event.audience == Event.Audience.TIERS:
        return (
            TierMembership.objects.active()
            .filter(user=user, tier__in=event.tiers.values("pk"))
            .exists()
        )
    return Membership.objects.filter(
        space_id=event.space_id, user=user, state=Membership.State.ACTIVE
    ).exists()


def visible_events(user, events):
    """The events a person may find in lists."""
    if is_staff(user):
        return events
    events = events.filter(is_published=True)
    if not user.is_authenticated:
        return events.filter(audience=Event.Audience.PUBLIC)
    spaces = Membership.objects.filter(user=user, state=Membership.State.ACTIVE).values("space_id")
    tiers = TierMembership.objects.active().filter(user=user).values("tier_id")
    tier_events = Event.tiers.through.objects.filter(membershiptier_id__in=tiers).values("event_id")
    return events.filter(
        Q(audience__in=[Event.Audience.PUBLIC, Event.Audience.MEMBERS])
        | Q(audience=Event.Audience.SPACE, space_id__in=spaces)
        | Q(audience=Event.Audience.TIERS, pk__in=tier_events)
    )


def check_view_permission(user, event):
    """Unpublished: 404 but for staff. Outside the audience: 403 with the reason."""
    if not event.is_published and not is_staff(user):
        raise Http404
    if not in_audience(user, event):
        raise PermissionDenied(audience_refusal(event))


def audience_refusal(event):
    if event.audience == Event.Audience.TIERS:
        names = ", ".join(tier.name for tier in event.tiers.all())
        return _("This event is for members of these tiers: %(tiers)s.") % {"tiers": names}
    if event.audience == Event.Audience.SPACE:
        return _("This event is for the members of the space “%(space)s”.") % {
            "space": event.space.name
        }
    return _("This event is for members: sign in to see it.")


def check_register_permission(user, event):
    check_view_permission(user, event)
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to register."))


def check_manage_permission(user, event=None):
    """Attendee lists, check-in, registering someone else: staff."""
    if not is_staff(user):
        raise PermissionDenied(_("Only staff manage events."))


def can_see_online_link(user, event, registration):
    return is_staff(user) or (registration is not None and registration.is_confirmed)


def is_attendee(user, event):
    """A confirmed registration, or staff: who takes part in what happens during the event."""
    if is_staff(user):
        return True
    return user.is_authenticated and event.registrations.confirmed().filter(user=user).exists()


# --- meetings and matchmaking ---


# --- workshop tables ---


# --- live questions and polls ---


# --- reminders and feedback ---
