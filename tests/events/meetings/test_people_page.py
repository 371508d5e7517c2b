"""1:1 meetings: the people page (suggestions, who may see it, opting out) and its query
count. Pages are read in English."""

from datetime import timedelta

import pytest
from django.urls import reverse

from events.models import Event, Meeting, Registration
from events.services import meetings
from tests.events.meetings.shared import ask, people_url, slot
from tests.factories import SpaceFactory, SpaceMembershipFactory, UserFactory
from tests.helpers import ago, assert_queries_stay_the_same, attend, move_event, page_queries, text

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def test_slots_cut_the_event_in_meeting_lengths(fair):
    slots = meetings.meeting_slots(fair)
    assert len(slots) == 6
    assert slots[0] == (fair.starts_at, fair.starts_at + timedelta(minutes=20))
    assert slots[-1][1] == fair.ends_at


@pytest.fixture
def space_fair(make_event, alice, bob, dan):
    space = SpaceFactory(name="Comité logement", slug="logement")
    for user in (alice, bob, dan):
        SpaceMembershipFactory(space=space, user=user)
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


def test_once_over_the_page_suggests_nobody_and_reads_no_suggestion(alice_client, alice, bob, fair):
    attend(fair, alice, bob)
    during = page_queries(alice_client, people_url(fair))
    move_event(fair, starts_at=ago(days=2))
    page = text(alice_client.get(people_url(fair)))
    assert "This event is over: meetings can no longer be requested." in page
    assert "Bob Gagnon" not in page
    assert page_queries(alice_client, people_url(fair)) < during


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

    def people_page():
        assert alice_client.get(people_url(fair)).status_code == 200

    assert_queries_stay_the_same(people_page, lambda: grow(3, 30))
