"""Who may see an event, register, see the online link, check people in.

Public events: anyone, signed in or not. Member events: signed-in members. Space events:
the space's active members. Tier events: members whose membership in one of the event's
tiers is current. Staff: everything, published or not. An unpublished event
answers 404 to everyone else, so drafts are not disclosed.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from members.models import Membership as TierMembership
from spaces import permissions as space_permissions


def is_staff(user):
    return user.is_authenticated and user.is_staff


def in_audience(user, event):
    if is_staff(user) or event.audience == Event.Audience.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if event.audience == Event.Audience.MEMBERS:
        return True
    # A page checks twice (the event, then its part): answered once per event row read.
    answers = event.__dict__.setdefault("_audience_answers", {})
    if user.pk not in answers:
        answers[user.pk] = _in_restricted_audience(user, event)
    return answers[user.pk]


def _in_restricted_audience(user, event):
    if event.audience == Event.Audience.TIERS:
        return (
            TierMembership.objects.active()
            .filter(user=user, tier__in=event.tiers.values("pk"))
            .exists()
        )
    return space_permissions.is_active_member(user, event.space_id)


def visible_events(user, events, *, today=None):
    """The events a person may find in lists. `today`: the day tier memberships are
    current on (the local date if not given; a prepared query is given it)."""
    if is_staff(user):
        return events
    events = events.filter(is_published=True)
    if not user.is_authenticated:
        return events.filter(audience=Event.Audience.PUBLIC)
    spaces = space_permissions.active_space_ids(user)
    tiers = TierMembership.objects.active(today).filter(user=user).values("tier_id")
    tier_events = Event.tiers.through.objects.filter(membershiptier_id__in=tiers).values("event_id")
    return events.filter(
        Q(audience__in=[Event.Audience.PUBLIC, Event.Audience.MEMBERS])
        | Q(audience=Event.Audience.SPACE, space_id__in=spaces)
        | Q(audience=Event.Audience.TIERS, pk__in=tier_events)
    )


def check_view_permission(user, event):
    """Unpublished: 404 but for staff. Outside the audience: 403 with the reason, unless the
    reason is a space the person may not know of (a secret one): then 404, as for the
    space itself."""
    if not event.is_published and not is_staff(user):
        raise Http404
    if not in_audience(user, event):
        if event.audience == Event.Audience.SPACE and not _knows_space(user, event):
            raise Http404
        raise PermissionDenied(audience_refusal(user, event))


def _knows_space(user, event):
    """Anyone may be told a space event exists (and to sign in); only those who may see
    the space are told its name."""
    return event.space is None or space_permissions.may_know_space(user, event.space)


def audience_refusal(user, event):
    if not user.is_authenticated:
        return _("This event is for members: sign in to see it.")
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


UNREAD = object()  # the caller has not read the viewer's registration


def is_attendee(user, event, registration=UNREAD):
    """A confirmed registration, or staff: who takes part in what happens during the event.
    `registration`: the viewer's own (not cancelled) registration or None, when the page
    has read it already."""
    if is_staff(user):
        return True
    if registration is not UNREAD:
        return (
            registration is not None
            and registration.is_confirmed
            and registration.user_id == user.pk
            and registration.event_id == event.pk
        )
    return user.is_authenticated and event.registrations.confirmed().filter(user=user).exists()


# --- meetings and matchmaking ---


def check_meetings_permission(user, event, *, registration=UNREAD):
    """The people-to-meet page: confirmed attendees, and staff (read-only unless
    registered). Meetings turned off: 404, there is no such page."""
    check_view_permission(user, event)
    if not event.meetings_enabled:
        raise Http404
    if not is_attendee(user, event, registration):
        raise PermissionDenied(_("Only confirmed attendees meet other attendees here."))


def may_cancel_meeting(user, meeting):
    """Either person cancels a meeting; staff may cancel it for them."""
    return user.pk in (meeting.requester_id, meeting.invitee_id) or is_staff(user)


def check_suggest_me_permission(user, registration):
    """Whether one is suggested to others is the attendee's own choice: a confirmed one."""
    if registration is None or not registration.is_confirmed or registration.user_id != user.pk:
        raise Http404


# --- workshop tables ---

# Participants may still edit their table's notes this long after the event ends; then the
# notes are the record and only staff change them.
NOTES_EDIT_WINDOW = timedelta(days=7)


def is_table_participant(user, table):
    """Seated at the table with a confirmed registration, or its facilitator."""
    if not user.is_authenticated:
        return False
    if table.facilitator_id == user.pk:
        return True
    # A page asks several times (read, edit, revisions): answered once per table row read.
    answers = table.__dict__.setdefault("_participant_answers", {})
    if user.pk not in answers:
        answers[user.pk] = (
            table.seats.filter(user=user).exists()
            and table.event.registrations.confirmed().filter(user=user).exists()
        )
    return answers[user.pk]


def notes_are_open(table, now=None):
    return (now or timezone.now()) <= table.event.ends_at + NOTES_EDIT_WINDOW


def can_read_notes(user, table, now=None, *, participant=None):
    """The table's people and staff; once the event is over, every attendee (the record).
    `participant`: is_table_participant(user, table), when the page has asked already."""
    if is_staff(user):
        return True
    if participant is None:
        participant = is_table_participant(user, table)
    if participant:
        return True
    return table.event.is_past(now) and is_attendee(user, table.event)


def check_read_notes_permission(user, table, now=None, *, participant=None):
    if not can_read_notes(user, table, now, participant=participant):
        if table.event.is_past(now):
            raise PermissionDenied(_("The tables' notes are for the event's attendees."))
        raise PermissionDenied(_("Only this table's participants read its notes during the event."))


def can_edit_notes(user, table, now=None, *, participant=None):
    """Staff always; the table's people until a week after the event ends."""
    if is_staff(user):
        return True
    if not notes_are_open(table, now):
        return False
    return is_table_participant(user, table) if participant is None else participant


def check_edit_notes_permission(user, table, now=None, *, participant=None):
    if not can_edit_notes(user, table, now, participant=participant):
        raise PermissionDenied(_("These notes are the event's record: they are read-only."))


def check_tables_page_permission(user, event, *, has_tables):
    """The tables page exists once the event has tables; staff see it before, to add them."""
    if not has_tables and not is_staff(user):
        raise Http404


def can_see_revisions(user, table, *, participant=None):
    if is_staff(user):
        return True
    return is_table_participant(user, table) if participant is None else participant


def check_manage_tables_permission(user, event=None):
    if not is_staff(user):
        raise PermissionDenied(_("Only staff add workshop tables."))


# --- live questions and polls ---


def check_live_permission(user, event, *, registration=UNREAD):
    """The live page, asking, upvoting, voting: confirmed attendees and staff.
    `registration`: as is_attendee takes it."""
    check_view_permission(user, event)
    if not is_attendee(user, event, registration):
        raise PermissionDenied(
            _("Live questions and polls are for the event's registered attendees.")
        )


def check_live_moderate_permission(user, event):
    """Marking questions answered or hiding them, creating, opening and closing polls."""
    check_view_permission(user, event)
    if not is_staff(user):
        raise PermissionDenied(_("Only staff moderate questions and run polls."))


def visible_live_questions(user, questions):
    """Hidden questions are for staff's eyes only."""
    if is_staff(user):
        return questions
    return questions.exclude(status="hidden")


def visible_polls(user, polls):
    """Drafts are for staff until they open them."""
    if is_staff(user):
        return polls
    return polls.exclude(status="draft")


# --- reminders and feedback ---


def check_feedback_permission(user, event, registration):
    """Feedback comes from the event's attendees: the member's own confirmed registration."""
    check_view_permission(user, event)
    if registration is None or not registration.is_confirmed:
        raise PermissionDenied(_("Only members registered for this event can give feedback."))


def check_feedback_summary_permission(user, event):
    """What attendees said is read by staff."""
    check_view_permission(user, event)
    if not is_staff(user):
        raise PermissionDenied(_("Only staff read the feedback of an event."))


# --- calendars ---


def check_feed_permission(feed):
    """Whoever holds a member's secret calendar address reads it, while the address is
    valid and the account open; an unknown or revoked address is a 404."""
    if feed is None or not feed.user.is_active:
        raise Http404
