"""1:1 meetings: the people page, requests, answers, no overlaps, and "people you met"."""

import re
import threading
from datetime import datetime, timedelta

import pytest
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from analytics.models import Activity
from community.models import Notification
from events.models import Event, Meeting, Registration
from events.services import meetings
from members.models import Profile
from spaces.models import Membership, Space
from tests.factories import UserFactory
from tests.helpers import attend, text

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def people_url(event):
    return reverse("events:people", args=[event.slug])


def slot(event, number):
    return event.starts_at + timedelta(minutes=event.meeting_minutes * number)


def ask(client, event, invitee, when, message=""):
    return client.post(
        reverse("events:meeting_request", args=[event.slug]),
        {"invitee": invitee.pk, "starts_at": when.isoformat(), "message": message},
        follow=True,
    )


def act(client, meeting, action):
    return client.post(
        reverse("events:meeting_action", args=[meeting.event.slug, meeting.pk, action]),
        follow=True,
    )


# The page and who may see it


def test_slots_cut_the_event_in_meeting_lengths(fair):
    slots = meetings.meeting_slots(fair)
    assert len(slots) == 6
    assert slots[0] == (fair.starts_at, fair.starts_at + timedelta(minutes=20))
    assert slots[-1][1] == fair.ends_at


@pytest.fixture
def space_fair(make_event, alice, bob, dan):
    space = Space.objects.create(name="Comité logement", slug="logement")
    for user in (alice, bob, dan):
        Membership.objects.create(space=space, user=user, state=Membership.State.ACTIVE)
    event = make_event(slug="reunion-logement", audience=Event.Audience.SPACE, space=space)
    attend(event, alice)
    return event


@pytest.mark.parametrize(
    ("person", "expected"),
    [("anonymous", "login"), ("outsider", 403), ("not registered", 403), ("attendee", 200),
     ("staff", 200)],
)  # fmt: skip
def test_people_page_permissions(
    client, space_fair, alice, bob, carol, staff_with_totp, person, expected
):
    user = {
        "anonymous": None,
        "outsider": carol,  # not a member of the space
        "not registered": bob,  # in the audience, not registered
        "attendee": alice,
        "staff": staff_with_totp,
    }[person]
    if user:
        client.force_login(user)
    response = client.get(people_url(space_fair))
    if expected == "login":
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == expected


def test_a_waitlisted_member_may_not_see_the_people_page(client, make_event, alice, bob):
    small = make_event(capacity=1)
    attend(small, alice, bob)
    client.force_login(bob)
    response = client.get(people_url(small))
    assert response.status_code == 403


def test_staff_not_registered_see_the_page_read_only(client, fair, alice, bob, staff_with_totp):
    attend(fair, alice, bob)
    client.force_login(staff_with_totp)
    page = text(client.get(people_url(fair)))
    assert "you see this page as staff" in page
    assert "Bob Gagnon" not in page
    assert 'name="invitee"' not in page


def test_people_page_is_404_when_meetings_are_off(alice_client, alice, make_event):
    event = make_event(meetings_enabled=False)
    attend(event, alice)
    assert alice_client.get(people_url(event)).status_code == 404


def test_people_page_lists_suggestions_with_a_request_form(alice_client, alice, bob, fair):
    attend(fair, alice, bob)
    page = text(alice_client.get(people_url(fair)))
    assert "Bob Gagnon" in page
    assert f'name="invitee" value="{bob.pk}"' in page
    assert page.count("<option ") == 6


def test_opting_out_hides_me_from_others(client, alice, bob, fair):
    attend(fair, alice, bob)
    client.force_login(bob)
    response = client.post(reverse("events:meeting_suggest_me", args=[fair.slug]), follow=True)
    assert "You are no longer suggested to other attendees." in text(response)
    assert Registration.objects.get(event=fair, user=bob).suggest_me is False
    client.force_login(alice)
    assert "Bob Gagnon" not in text(client.get(people_url(fair)))
    # And he cannot be asked directly.
    response = ask(client, fair, bob, slot(fair, 1))
    assert "This person cannot be asked for a meeting at this event." in text(response)
    assert not Meeting.objects.exists()


def test_people_page_queries_stay_constant_as_attendees_grow(alice_client, alice, bob, fair):
    attend(fair, alice, bob)

    def grow(start, stop):
        for n in range(start, stop):
            user = UserFactory(
                email=f"crowd{n}@example.org",
                profile__interests=["Jardins communautaires"],
                profile__skills_offered=[f"Savoir {n}"],
            )
            attend(fair, user)
            if n % 3 == 0:
                meetings.request_meeting(
                    event=fair, requester=user, invitee=bob, starts_at=slot(fair, n % 6)
                )

    grow(0, 3)
    meetings.request_meeting(event=fair, requester=bob, invitee=alice, starts_at=slot(fair, 2))
    with CaptureQueriesContext(connection) as before:
        assert alice_client.get(people_url(fair)).status_code == 200
    grow(3, 30)
    with CaptureQueriesContext(connection) as after:
        assert alice_client.get(people_url(fair)).status_code == 200
    assert len(after) == len(before)


# Requesting, answering, cancelling


def test_request_accept_puts_the_meeting_in_both_agendas(client, alice, bob, fair):
    attend(fair, alice, bob)
    client.force_login(alice)
    response = ask(client, fair, bob, slot(fair, 1), message="Parlons compta !")
    assert "Your request is sent to Bob Gagnon." in text(response)
    meeting = Meeting.objects.get()
    assert (meeting.requester, meeting.invitee, meeting.status) == (alice, bob, "requested")
    assert meeting.starts_at == slot(fair, 1)
    assert Notification.objects.get(recipient=bob).verb == "event.meeting_requested"

    client.force_login(bob)
    page = text(client.get(people_url(fair)))
    assert "Alice Tremblay asks to meet you" in page
    assert "Parlons compta !" in page
    response = act(client, meeting, "accept")
    assert "The meeting is in both your agendas." in text(response)
    meeting.refresh_from_db()
    assert meeting.status == "accepted"
    assert meeting.responded_at is not None
    assert Notification.objects.get(recipient=alice).verb == "event.meeting_accepted"
    assert list(
        Activity.objects.filter(verb__startswith="event.meeting")
        .order_by("pk")
        .values_list("verb", flat=True)
    ) == ["event.meeting_requested", "event.meeting_accepted"]
    client.force_login(alice)
    assert "with Bob Gagnon" in text(client.get(people_url(fair)))


def test_the_agenda_is_in_time_order(client, alice, bob, dan, fair):
    attend(fair, alice, bob, dan)
    late = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 4)
    )
    early = meetings.request_meeting(
        event=fair, requester=dan, invitee=alice, starts_at=slot(fair, 0)
    )
    meetings.accept(meeting=late, by=bob)
    meetings.accept(meeting=early, by=alice)
    client.force_login(alice)
    page = text(client.get(people_url(fair)))
    assert page.index("with Dan Côté") < page.index("with Bob Gagnon")


def test_only_the_invitee_may_accept_or_decline(client, alice, bob, dan, fair):
    attend(fair, alice, bob, dan)
    meeting = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    client.force_login(alice)
    response = act(client, meeting, "accept")
    assert "Only the person invited can answer this request." in text(response)
    client.force_login(dan)  # not part of it: not even found
    assert act(client, meeting, "accept").status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == "requested"


def test_decline_tells_the_requester_and_they_cannot_ask_again(client, alice, bob, fair):
    attend(fair, alice, bob)
    meeting = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    client.force_login(bob)
    assert "The request is declined." in text(act(client, meeting, "decline"))
    meeting.refresh_from_db()
    assert meeting.status == "declined"
    assert Notification.objects.get(recipient=alice).verb == "event.meeting_declined"
    client.force_login(alice)
    page = text(client.get(people_url(fair)))
    assert "Declined" in page
    assert f'name="invitee" value="{bob.pk}"' not in page
    response = ask(client, fair, bob, slot(fair, 2))
    assert "This person cannot be asked for a meeting at this event." in text(response)
    assert Meeting.objects.count() == 1


def test_either_person_cancels_an_accepted_meeting(client, alice, bob, fair):
    attend(fair, alice, bob)
    meeting = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    meetings.accept(meeting=meeting, by=bob)
    client.force_login(bob)
    assert "The meeting is cancelled." in text(act(client, meeting, "cancel"))
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert Notification.objects.filter(recipient=alice, verb="event.meeting_cancelled").exists()
    # Cancelled: they may ask each other again.
    client.force_login(alice)
    assert "Your request is sent" in text(ask(client, fair, bob, slot(fair, 3)))


def test_the_requester_withdraws_a_request_but_the_invitee_declines_it(client, alice, bob, fair):
    attend(fair, alice, bob)
    meeting = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    client.force_login(bob)
    assert "Decline the request instead." in text(act(client, meeting, "cancel"))
    client.force_login(alice)
    act(client, meeting, "cancel")
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"


def test_an_unknown_action_is_404(alice_client, alice, bob, fair):
    attend(fair, alice, bob)
    meeting = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    assert act(alice_client, meeting, "delete").status_code == 404


# Refusals


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
    start = threading.Barrier(len(requests))
    refused, errors = [], []

    def race(meeting):
        try:
            start.wait()
            meetings.accept(meeting=meeting, by=busy)
        except meetings.MeetingRefused:
            refused.append(meeting)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=race, args=(meeting,)) for meeting in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(refused) == len(requests) - 1
    assert Meeting.objects.accepted().involving(busy).count() == 1


# People you met, on the profile


@pytest.fixture
def met(make_event, alice, bob, dan):
    """Alice met Bob (accepted) and was declined by Dan, at an event that has ended."""
    event = make_event(title="Colloque passé", slug="colloque")
    attend(event, alice, bob, dan)
    accepted = meetings.request_meeting(
        event=event, requester=alice, invitee=bob, starts_at=event.starts_at
    )
    meetings.accept(meeting=accepted, by=bob)
    declined = meetings.request_meeting(
        event=event, requester=alice, invitee=dan, starts_at=slot(event, 1)
    )
    meetings.decline(meeting=declined, by=dan)
    return event


def end(event):
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )


def test_people_you_met_appear_on_the_profile_after_the_event(client, alice, bob, dan, met):
    client.force_login(alice)
    profile = reverse("members:profile", args=[alice.profile.pk])
    assert "People you met" not in text(client.get(profile))
    end(met)
    page = text(client.get(profile))
    assert "People you met" in page
    assert f'href="{bob.profile.get_absolute_url()}">Bob Gagnon</a>' in page
    assert "Colloque passé" in page
    assert "Dan Côté" not in page  # declined is not met
    # And on Bob's side, for Bob.
    client.force_login(bob)
    assert "Alice Tremblay" in text(client.get(reverse("members:profile", args=[bob.profile.pk])))


def test_others_see_people_met_only_where_they_may_see_both(client, alice, bob, carol, met):
    end(met)
    profile = reverse("members:profile", args=[alice.profile.pk])
    client.force_login(carol)
    page = text(client.get(profile))
    assert "People met at events" in page
    assert "Bob Gagnon" in page
    Profile.objects.filter(user=bob).update(visibility=Profile.Visibility.HIDDEN)
    assert "Bob Gagnon" not in text(client.get(profile))
    # Alice still sees Bob, unlinked.
    client.force_login(alice)
    page = text(client.get(profile))
    assert "Bob Gagnon" in page
    assert bob.profile.get_absolute_url() not in page


def test_people_met_stay_private_when_an_attendee_is_unlisted(client, alice, bob, carol, met):
    end(met)
    Registration.objects.filter(event=met, user=bob).update(is_listed=False)
    client.force_login(carol)
    assert "Bob Gagnon" not in text(client.get(reverse("members:profile", args=[alice.profile.pk])))


def test_profile_queries_stay_constant_with_more_people_met(client, alice, make_event):
    client.force_login(alice)
    profile = reverse("members:profile", args=[alice.profile.pk])

    def meet(count, offset):
        # Each event on its own day: a person's meetings never overlap, across events too.
        event = make_event(starts_at=timezone.now() + timedelta(days=10 + offset))
        people = [UserFactory(email=f"met{offset + n}@example.org") for n in range(count)]
        attend(event, alice, *people)
        for n, person in enumerate(people):
            meeting = meetings.request_meeting(
                event=event, requester=person, invitee=alice, starts_at=slot(event, n)
            )
            meetings.accept(meeting=meeting, by=alice)
        end(event)

    meet(1, 0)
    with CaptureQueriesContext(connection) as before:
        client.get(profile)
    meet(5, 10)
    meet(5, 20)
    with CaptureQueriesContext(connection) as after:
        page = text(client.get(profile))
    assert all(f">met{n}</a>" in page for n in (0, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24))
    assert len(after) == len(before)


# Demo


@pytest.mark.django_db
def test_demo_seed_is_idempotent():
    from events.demo import seed_demo_events
    from events.demo_meetings import seed_demo_meetings
    from members.demo import MEMBER_EMAIL, seed_demo_community

    seed_demo_community(log=lambda *_: None)
    seed_demo_events(log=lambda *_: None)
    seed_demo_meetings(log=lambda *_: None)
    counts = (Meeting.objects.count(), Registration.objects.count(), Activity.objects.count())
    seed_demo_meetings(log=lambda *_: None)
    assert (
        Meeting.objects.count(),
        Registration.objects.count(),
        Activity.objects.count(),
    ) == counts
    statuses = set(Meeting.objects.values_list("status", flat=True))
    assert statuses == {"accepted", "requested", "declined"}
    member = Profile.objects.get(user__email=MEMBER_EMAIL)
    assert (
        Meeting.objects.accepted().involving(member.user).filter(event__ends_at__lt=timezone.now())
    )
