"""1:1 meetings between attendees: request, accept, decline, cancel; the opt-out.

A meeting takes one slot of the event (its duration cut in `meeting_minutes` steps from its
start). Both people are confirmed attendees. Nobody has two accepted meetings at the same
time: it is checked on request and again on accept under a lock on the event's row
(SELECT ... FOR UPDATE on PostgreSQL; SQLite serializes writers), so two accepts racing
for the same person and slot never both succeed.

Rules chosen here: a member who opted out of suggestions (or whose profile is hidden)
cannot be asked either: opting out means "don't solicit me", and such members are never
listed to others. They may still ask others. A request that was declined is not asked
again at the same event. Every change goes to the activity log and tells the other person.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import analytics
from events import notifications, permissions
from events.matchmaking import suggestable
from events.models import Event, Meeting, Registration
from events.services.refusal import Refused
from members.models import Profile

MESSAGE_LENGTH = 500
# What the requester is told of the invitee's answer.
ANSWERS = {
    Meeting.Status.ACCEPTED: notifications.MEETING_ACCEPTED,
    Meeting.Status.DECLINED: notifications.MEETING_DECLINED,
}


class MeetingRefused(Refused):
    """A meeting change that cannot be made."""


def meeting_slots(event):
    """[(starts_at, ends_at)] of the event, in UTC, each `meeting_minutes` long, all inside
    the event. Shown in the viewer's zone by the templates."""
    length = timedelta(minutes=event.meeting_minutes or 20)
    slots, start = [], event.starts_at
    while start + length <= event.ends_at:
        slots.append((start, start + length))
        start += length
    return slots


def slot_at(event, starts_at):
    """The slot starting at `starts_at`, or MeetingRefused."""
    for start, end in meeting_slots(event):
        if start == starts_at:
            return start, end
    raise MeetingRefused(_("Choose one of the event's meeting times."))


def busy(users, start, end, *, exclude=None):
    """Accepted meetings of these people overlapping [start, end)."""
    user_ids = [user.pk for user in users]
    overlapping = Meeting.objects.accepted().filter(
        Q(requester_id__in=user_ids) | Q(invitee_id__in=user_ids),
        starts_at__lt=end,
        ends_at__gt=start,
    )
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude.pk)
    return overlapping


def request_meeting(*, event, requester, invitee, starts_at, message="", now=None):
    """Ask another attendee to meet in one slot. Returns the requested meeting.

    Raises MeetingRefused when meetings are off, the event is over, the slot is not one of
    the event's or has passed, either person is not a confirmed attendee, the invitee opted
    out, the two already have an open, accepted or declined meeting here, or either person
    already has an accepted meeting at that time.
    """
    now = now or timezone.now()
    message = (message or "").strip()
    if not event.meetings_enabled:
        raise MeetingRefused(_("Meetings are not open at this event."))
    if requester.pk == invitee.pk:
        raise MeetingRefused(_("You cannot meet yourself."))
    if len(message) > MESSAGE_LENGTH:
        raise MeetingRefused(
            _("Your message is too long (%(count)s characters at most).")
            % {"count": MESSAGE_LENGTH}
        )
    start, end = slot_at(event, starts_at)
    if start <= now:
        raise MeetingRefused(_("This time has passed: choose a later one."))
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        attendees = dict(
            Registration.objects.filter(
                event=locked,
                status=Registration.Status.CONFIRMED,
                user_id__in=[requester.pk, invitee.pk],
            ).values_list("user_id", "suggest_me")
        )
        if requester.pk not in attendees:
            raise MeetingRefused(_("Only confirmed attendees can ask for a meeting."))
        if invitee.pk not in attendees or not _can_be_asked(invitee, attendees[invitee.pk]):
            raise MeetingRefused(_("This person cannot be asked for a meeting at this event."))
        _check_not_already(locked, requester, invitee)
        _check_free(requester, invitee, start, end, viewer=requester)
        meeting = Meeting.objects.create(
            event=locked,
            requester=requester,
            invitee=invitee,
            starts_at=start,
            ends_at=end,
            message=message,
        )
        analytics.record(
            requester,
            notifications.MEETING_REQUESTED,
            meeting,
            context=locked,
            data=_notice(locked, invitee),
        )
    return meeting


def accept(*, meeting, by, now=None):
    """The invitee accepts. Refused if it is no longer open, its time has passed, or either
    person has meanwhile accepted another meeting at that time (checked under the lock)."""
    now = now or timezone.now()

    def still_possible(meeting):
        if meeting.starts_at <= now:
            raise MeetingRefused(_("This time has passed."))
        _check_free(
            meeting.requester, meeting.invitee, meeting.starts_at, meeting.ends_at, viewer=by
        )

    return _answer(meeting, by, Meeting.Status.ACCEPTED, now, check=still_possible)


def decline(*, meeting, by, now=None):
    """The invitee declines an open request."""
    return _answer(meeting, by, Meeting.Status.DECLINED, now or timezone.now())


def _answer(meeting, by, status, now, check=None):
    """The invitee's answer to an open request, under the lock on the event's row; the
    requester is told."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=meeting.event_id)
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if by.pk != meeting.invitee_id:
            raise MeetingRefused(_("Only the person invited can answer this request."))
        if meeting.status != Meeting.Status.REQUESTED:
            raise MeetingRefused(_("This request is no longer open."))
        if check is not None:
            check(meeting)
        meeting.status = status
        meeting.responded_at = now
        meeting.save(update_fields=["status", "responded_at"])
        analytics.record(
            by,
            ANSWERS[status],
            meeting,
            context=locked,
            data=_notice(locked, meeting.requester),
        )
    return meeting


def cancel(*, meeting, by, now=None):
    """The requester withdraws a request; either person cancels an accepted meeting that
    has not started; staff may cancel either for them (both are told). Cancelling twice
    is cancelling once."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=meeting.event_id)
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        parties = [meeting.requester_id, meeting.invitee_id]
        if not permissions.may_cancel_meeting(by, meeting):
            raise MeetingRefused(_("This meeting is not yours."))
        if meeting.status == Meeting.Status.CANCELLED:
            return meeting
        if meeting.status == Meeting.Status.REQUESTED and by.pk == meeting.invitee_id:
            raise MeetingRefused(_("Decline the request instead."))
        if meeting.status == Meeting.Status.DECLINED:
            raise MeetingRefused(_("This request was declined."))
        if meeting.status == Meeting.Status.ACCEPTED and meeting.starts_at <= now:
            raise MeetingRefused(_("This meeting has started: it stays in the agenda."))
        meeting.status = Meeting.Status.CANCELLED
        meeting.responded_at = meeting.responded_at or now
        meeting.save(update_fields=["status", "responded_at"])
        analytics.record(
            by,
            notifications.MEETING_CANCELLED,
            meeting,
            context=locked,
            data=_notice(locked, *[pk for pk in parties if pk != by.pk]),
        )
    return meeting


def set_suggest_me(*, registration, suggest_me):
    """The attendee's opt-out: whether others see them among the people to meet."""
    if registration.suggest_me != suggest_me:
        registration.suggest_me = suggest_me
        registration.save(update_fields=["suggest_me"])
    return registration


def _can_be_asked(invitee, suggest_me):
    visibility = Profile.objects.filter(user=invitee).values_list("visibility", flat=True).first()
    return suggestable(suggest_me, invitee.is_active, visibility)


def _check_not_already(event, requester, invitee):
    pair = Q(requester=requester, invitee=invitee) | Q(requester=invitee, invitee=requester)
    statuses = set(
        Meeting.objects.filter(pair, event=event)
        .exclude(status=Meeting.Status.CANCELLED)
        .values_list("status", flat=True)
    )
    if Meeting.Status.ACCEPTED in statuses:
        raise MeetingRefused(_("You already have a meeting with this person."))
    if Meeting.Status.REQUESTED in statuses:
        raise MeetingRefused(_("A request between you two is already waiting for an answer."))
    if Meeting.Status.DECLINED in statuses:
        raise MeetingRefused(_("This person cannot be asked for a meeting at this event."))


def _check_free(requester, invitee, start, end, *, viewer):
    """Neither person has an accepted meeting at that time."""
    taken = set()
    for a, b in busy([requester, invitee], start, end).values_list("requester_id", "invitee_id"):
        taken.update((a, b))
    if viewer.pk in taken:
        raise MeetingRefused(_("You already have a meeting at that time."))
    if taken & {requester.pk, invitee.pk}:
        raise MeetingRefused(_("The other person already has a meeting at that time."))


def _notice(event, *people):
    return {
        "notify": [getattr(person, "pk", person) for person in people],
        "title": event.title,
    }
