"""1:1 meetings refused: overlaps, slots outside the event, non-attendees, myself, hidden
profiles, twice, the past, and racing accepts."""

import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from events.models import Meeting, Registration
from events.services import meetings
from members.models import Profile
from tests.events.meetings.shared import act, ask, people_url, slot
from tests.factories import UserFactory
from tests.helpers import all_at_once, attend, text

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def test_accepting_an_overlapping_meeting_is_refused(client, alice, bob, dan, fair):
    attend(fair, alice, bob, dan)
    first = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    second = meetings.request_meeting(
        event=fair, requester=dan, invitee=bob, starts_at=slot(fair, 1)
    )
    meetings.accept(meeting=first, by=bob)
    client.force_login(bob)
    response = act(client, second, "accept")
    assert "You already have a meeting at that time." in text(response)
    second.refresh_from_db()
    assert second.status == "requested"
    assert Meeting.objects.accepted().involving(bob).count() == 1


def test_accepting_when_the_requester_became_busy_is_refused(alice, bob, dan, fair):
    attend(fair, alice, bob, dan)
    to_bob = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    to_dan = meetings.request_meeting(
        event=fair, requester=alice, invitee=dan, starts_at=slot(fair, 1)
    )
    meetings.accept(meeting=to_bob, by=bob)
    with pytest.raises(meetings.MeetingRefused) as refusal:
        meetings.accept(meeting=to_dan, by=dan)
    assert refusal.value.message == "The other person already has a meeting at that time."


def test_requesting_a_slot_where_i_am_busy_is_refused(client, alice, bob, dan, fair):
    attend(fair, alice, bob, dan)
    meeting = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    meetings.accept(meeting=meeting, by=bob)
    client.force_login(alice)
    response = ask(client, fair, dan, slot(fair, 1))
    assert "You already have a meeting at that time." in text(response)
    # The busy slot is not offered either.
    page = text(client.get(people_url(fair)))
    offered = {
        datetime.fromisoformat(value) for value in re.findall(r'<option value="([^"]+)"', page)
    }
    assert slot(fair, 1) not in offered
    assert slot(fair, 2) in offered


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (
            lambda event: event.starts_at - timedelta(minutes=20),
            "Choose one of the event's meeting times.",
        ),
        (lambda event: event.ends_at, "Choose one of the event's meeting times."),
        (
            lambda event: event.starts_at + timedelta(minutes=7),
            "Choose one of the event's meeting times.",
        ),
    ],
    ids=["before", "at the end", "misaligned"],
)
def test_a_slot_outside_the_event_or_misaligned_is_refused(client, alice, bob, fair, when, message):
    attend(fair, alice, bob)
    client.force_login(alice)
    assert message in text(ask(client, fair, bob, when(fair)))
    assert not Meeting.objects.exists()


def test_garbage_input_is_a_message_not_an_error(client, alice, bob, fair):
    attend(fair, alice, bob)
    client.force_login(alice)
    url = reverse("events:meeting_request", args=[fair.slug])
    for data in (
        {"invitee": bob.pk, "starts_at": "demain"},
        {"invitee": bob.pk, "starts_at": "2030-01-01T10:00:00"},
        {"invitee": "x", "starts_at": slot(fair, 1).isoformat()},
        {"invitee": 999999, "starts_at": slot(fair, 1).isoformat()},
        {"invitee": bob.pk, "starts_at": slot(fair, 1).isoformat(), "message": "x" * 501},
    ):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert 'class="message message-error"' in text(response)
    assert not Meeting.objects.exists()


def test_meeting_with_a_non_attendee_is_refused(client, alice, bob, carol, make_event, fair):
    attend(fair, alice)
    client.force_login(alice)
    response = ask(client, fair, carol, slot(fair, 1))
    assert "This person cannot be asked for a meeting at this event." in text(response)
    # A waitlisted member is not an attendee either.
    small = make_event(capacity=1)
    attend(small, alice, bob)
    with pytest.raises(meetings.MeetingRefused):
        meetings.request_meeting(
            event=small, requester=alice, invitee=bob, starts_at=small.starts_at
        )
    with pytest.raises(meetings.MeetingRefused) as refusal:
        meetings.request_meeting(
            event=small, requester=bob, invitee=alice, starts_at=small.starts_at
        )
    assert refusal.value.message == "Only confirmed attendees can ask for a meeting."
    assert not Meeting.objects.exists()


def test_meeting_myself_is_refused(alice, fair):
    attend(fair, alice)
    with pytest.raises(meetings.MeetingRefused) as refusal:
        meetings.request_meeting(
            event=fair, requester=alice, invitee=alice, starts_at=fair.starts_at
        )
    assert refusal.value.message == "You cannot meet yourself."


def test_a_hidden_profile_cannot_be_asked(alice, bob, fair):
    attend(fair, alice, bob)
    Profile.objects.filter(user=bob).update(visibility=Profile.Visibility.HIDDEN)
    with pytest.raises(meetings.MeetingRefused):
        meetings.request_meeting(event=fair, requester=alice, invitee=bob, starts_at=fair.starts_at)


def test_asking_twice_is_refused(alice, bob, fair):
    attend(fair, alice, bob)
    meetings.request_meeting(event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1))
    with pytest.raises(meetings.MeetingRefused) as refusal:
        meetings.request_meeting(event=fair, requester=bob, invitee=alice, starts_at=slot(fair, 2))
    assert refusal.value.message == "A request between you two is already waiting for an answer."


def test_a_past_slot_is_refused(alice, bob, make_event):
    started = make_event(starts_at=timezone.now() - timedelta(minutes=30))
    for user in (alice, bob):
        Registration.objects.create(event=started, user=user, status="confirmed")
    with pytest.raises(meetings.MeetingRefused) as refusal:
        meetings.request_meeting(
            event=started, requester=alice, invitee=bob, starts_at=started.starts_at
        )
    assert refusal.value.message == "This time has passed: choose a later one."
    later = started.starts_at + timedelta(minutes=40)
    assert meetings.request_meeting(event=started, requester=alice, invitee=bob, starts_at=later)


@pytest.mark.django_db(transaction=True)
def test_racing_accepts_never_overlap(make_event):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs real concurrent transactions: PostgreSQL")
    event = make_event(capacity=None)
    busy = UserFactory(email="busy@example.org")
    askers = [UserFactory(email=f"asker{n}@example.org") for n in range(8)]
    attend(event, busy, *askers)
    requests = [
        meetings.request_meeting(
            event=event, requester=user, invitee=busy, starts_at=event.starts_at
        )
        for user in askers
    ]
    refused, errors = all_at_once(
        lambda meeting: meetings.accept(meeting=meeting, by=busy),
        requests,
        refusal=meetings.MeetingRefused,
    )
    assert errors == []
    assert len(refused) == len(requests) - 1
    assert Meeting.objects.accepted().involving(busy).count() == 1
