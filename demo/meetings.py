"""Demo meetings (demo/data/meetings.toml): the demo member's agenda at an upcoming event
(accepted, asked, declined) and people met at a past one, so "people you met" shows on
her profile.

``seed_demo_meetings()`` is idempotent: an event that already has meetings is left as it
is. Meetings go through events.services.meetings with the people matchmaking suggests,
as a member's would; at the past event they are made as of the day before it.
"""

from datetime import timedelta

from django.db import transaction

from demo.data import load
from demo.members import MEMBER_EMAIL
from events import matchmaking, services
from events.models import Event, Meeting, Registration
from events.services import meetings
from members.models import User

MEETINGS = load("meetings")
UPCOMING = MEETINGS["upcoming"]["event"]
PAST = MEETINGS["past"]["event"]


def seed_demo_meetings(*, log=print):
    """Add the demo meetings; returns how many were added."""
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    events = {event.slug: event for event in Event.objects.filter(slug__in=[UPCOMING, PAST])}
    if member is None or len(events) < 2:
        log("Demo meetings skipped: seed the demo members and events first.")
        return 0
    added = 0
    with transaction.atomic():
        added += _upcoming(events[UPCOMING], member, log)
        added += _past(events[PAST], member, log)
    log(f"Demo meetings: {added} added.")
    return added


def _partners(event, member, count):
    people = [s.user_id for s in matchmaking.suggestions_for(event, member, limit=count)]
    return list(User.objects.filter(pk__in=people).order_by("pk"))


def _upcoming(event, member, log):
    if Meeting.objects.filter(event=event).exists():
        return 0
    if not event.registrations.confirmed().filter(user=member).exists():
        log(f"Demo meetings at {event.slug} skipped: the demo member is not registered.")
        return 0
    people = _partners(event, member, 4)
    if len(people) < 4:
        log(f"Demo meetings at {event.slug} skipped: too few people to meet.")
        return 0
    slots = [start for start, _end in meetings.meeting_slots(event)]
    first, second, third, fourth = people
    accepted = meetings.request_meeting(
        event=event,
        requester=member,
        invitee=first,
        starts_at=slots[0],
        message=MEETINGS["upcoming"]["her_request"],
    )
    meetings.accept(meeting=accepted, by=first)
    meetings.request_meeting(
        event=event,
        requester=second,
        invitee=member,
        starts_at=slots[2],
        message=MEETINGS["upcoming"]["request_to_her"],
    )
    declined = meetings.request_meeting(
        event=event, requester=member, invitee=third, starts_at=slots[3]
    )
    meetings.decline(meeting=declined, by=third)
    meetings.request_meeting(event=event, requester=member, invitee=fourth, starts_at=slots[4])
    return 4


def _past(event, member, log):
    if Meeting.objects.filter(event=event).exists():
        return 0
    before = event.starts_at - timedelta(days=1)
    registration = Registration.objects.filter(event=event, user=member).first()
    if registration is None:
        services.register(event=event, user=member, now=before - timedelta(days=1))
    elif not registration.is_confirmed:
        log(f"Demo meetings at {event.slug} skipped: the demo member is not confirmed.")
        return 0
    people = _partners(event, member, 2)
    if len(people) < 2:
        log(f"Demo meetings at {event.slug} skipped: too few people to meet.")
        return 0
    slots = [start for start, _end in meetings.meeting_slots(event)]
    first = meetings.request_meeting(
        event=event, requester=member, invitee=people[0], starts_at=slots[3], now=before
    )
    meetings.accept(meeting=first, by=people[0], now=before)
    second = meetings.request_meeting(
        event=event,
        requester=people[1],
        invitee=member,
        starts_at=slots[12],
        message=MEETINGS["past"]["request_to_her"],
        now=before,
    )
    meetings.accept(meeting=second, by=member, now=before)
    return 2
