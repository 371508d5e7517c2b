"""Every events view × anonymous, member outside the audience, registered attendee, staff."""

import pytest
from django.urls import reverse

from events import services
from events.models import Event
from spaces.models import Membership, Space

VIEWS = [
    ("detail", "GET"),
    ("ics", "GET"),
    ("register", "POST"),
    ("cancel", "POST"),
    ("ticket", "GET"),
    ("attendees", "GET"),
    ("staff_register", "POST"),
    ("check_in_desk", "GET"),
    ("edit", "GET"),
]

# (view, person) -> expected status; "login" means sent to sign in.
EXPECTED = {
    "anonymous": {"detail": 403, "ics": 403, "register": "login", "cancel": "login",
                  "ticket": "login", "attendees": "login", "staff_register": "login",
                  "check_in_desk": "login", "edit": "login"},
    "outsider": {"detail": 403, "ics": 403, "register": 403, "cancel": 403, "ticket": 403,
                 "attendees": 403, "staff_register": 403, "check_in_desk": 403, "edit": 403},
    "attendee": {"detail": 200, "ics": 200, "register": 302, "cancel": 302, "ticket": 200,
                 "attendees": 403, "staff_register": 403, "check_in_desk": 403, "edit": 403},
    "staff": {"detail": 200, "ics": 200, "register": 302, "cancel": 302, "ticket": 302,
              "attendees": 200, "staff_register": 302, "check_in_desk": 200, "edit": 200},
}  # fmt: skip


@pytest.fixture
def space_event(make_event, alice, bob):
    space = Space.objects.create(name="Comité logement", slug="logement")
    Membership.objects.create(space=space, user=alice, state=Membership.State.ACTIVE)
    event = make_event(slug="reunion-logement", audience=Event.Audience.SPACE, space=space)
    services.register(event=event, user=alice)
    return event


@pytest.mark.parametrize("person", list(EXPECTED))
@pytest.mark.parametrize(("view", "method"), VIEWS)
def test_permission_matrix(client, space_event, alice, bob, staff_with_totp, person, view, method):
    user = {"anonymous": None, "outsider": bob, "attendee": alice, "staff": staff_with_totp}[person]
    if user:
        client.force_login(user)
    url = reverse(f"events:{view}", args=[space_event.slug])
    response = client.post(url) if method == "POST" else client.get(url)
    expected = EXPECTED[person][view]
    if expected == "login":
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == expected, (person, view)


def test_unpublished_event_is_404_but_for_staff(client, make_event, alice, staff_with_totp):
    draft = make_event(is_published=False)
    client.force_login(alice)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get(reverse("events:list")).content.decode()
    client.force_login(staff_with_totp)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_public_event_is_open_to_visitors(client, make_event):
    event = make_event(audience=Event.Audience.PUBLIC, title="Portes ouvertes")
    assert client.get(event.get_absolute_url()).status_code == 200
    assert "Portes ouvertes" in client.get(reverse("events:list")).content.decode()


def test_members_event_is_hidden_from_visitors_list(client, make_event):
    make_event(title="Réservé aux membres")
    assert "Réservé aux membres" not in client.get(reverse("events:list")).content.decode()


def test_forged_audience_registration_is_refused(client, space_event, bob):
    client.force_login(bob)
    response = client.post(reverse("events:register", args=[space_event.slug]))
    assert response.status_code == 403
    assert not space_event.registrations.filter(user=bob).exists()


def test_space_event_listed_to_its_members_only(client, space_event, alice, bob):
    client.force_login(alice)
    assert space_event.title in client.get(reverse("events:list")).content.decode()
    client.force_login(bob)
    assert space_event.title not in client.get(reverse("events:list")).content.decode()


# What happens at the event: meetings, workshop tables, live questions and polls, feedback,
# series and check-in. An attendee here is a confirmed one; staff are not registered.
AT_EVENT = {
    # view: (method, object, expected for (anonymous, outsider, attendee, staff))
    "people": ("GET", None, ("login", 403, 200, 200)),
    "meeting_request": ("POST", None, ("login", 403, 302, 302)),
    "meeting_suggest_me": ("POST", None, ("login", 403, 302, 404)),
    "meeting_action": ("POST", "meeting", ("login", 403, 302, 404)),
    "tables": ("GET", None, (403, 403, 200, 200)),
    "table_add": ("POST", None, ("login", 403, 403, 400)),
    "table_leave": ("POST", None, ("login", 403, 302, 302)),
    "table": ("GET", "table", ("login", 403, 403, 200)),
    "table_choose": ("POST", "table", ("login", 403, 302, 302)),
    "live": ("GET", None, ("login", 403, 200, 200)),
    "live_ask": ("POST", None, ("login", 403, 302, 302)),
    "live_upvote": ("POST", "question", ("login", 403, 302, 302)),
    "live_answer": ("POST", "question", ("login", 403, 403, 302)),
    "live_hide": ("POST", "question", ("login", 403, 403, 302)),
    "live_poll_create": ("POST", None, ("login", 403, 403, 302)),
    "live_vote": ("POST", "poll", ("login", 403, 302, 302)),
    "live_poll_open": ("POST", "poll", ("login", 403, 403, 302)),
    "live_poll_close": ("POST", "poll", ("login", 403, 403, 302)),
    "feedback": ("GET", None, ("login", 403, 200, 403)),
    "feedback_summary": ("GET", None, ("login", 403, 403, 200)),
    "repeat": ("GET", None, ("login", 403, 403, 200)),
    "check_in": ("POST", "code", ("login", 403, 403, 302)),
}  # fmt: skip


@pytest.fixture
def lively_event(space_event, alice, dan, staff_with_totp):
    """The space event with Dan registered too, who asked Alice for a meeting and a question;
    a table and an open poll."""
    from datetime import timedelta

    from events.services import live, meetings, workshops

    Membership.objects.create(space=space_event.space, user=dan, state=Membership.State.ACTIVE)
    services.register(event=space_event, user=dan)
    poll = live.create_poll(
        event=space_event,
        question="Prochaine date ?",
        choices=["Mars", "Avril"],
        by=staff_with_totp,
    )
    live.open_poll(poll=poll, by=staff_with_totp)
    return space_event, {
        "meeting": meetings.request_meeting(
            event=space_event,
            requester=dan,
            invitee=alice,
            starts_at=space_event.starts_at + timedelta(minutes=20),
        ).pk,
        "table": workshops.add_table(event=space_event, theme="Loyers", by=staff_with_totp).pk,
        "question": live.ask_question(event=space_event, user=dan, body="Quel budget ?").pk,
        "poll": poll.pk,
        "code": space_event.registrations.get(user=dan).ticket_code,
    }


@pytest.mark.parametrize("person", ["anonymous", "outsider", "attendee", "staff"])
@pytest.mark.parametrize("view", list(AT_EVENT))
def test_permission_matrix_at_the_event(
    client, lively_event, alice, bob, staff_with_totp, person, view
):
    event, objects = lively_event
    method, kind, outcomes = AT_EVENT[view]
    expected = dict(zip(["anonymous", "outsider", "attendee", "staff"], outcomes, strict=True))
    user = {"anonymous": None, "outsider": bob, "attendee": alice, "staff": staff_with_totp}[person]
    if user:
        client.force_login(user)
    args = [event.slug] + ([objects[kind]] if kind else [])
    if view == "meeting_action":
        args.append("accept")
    url = reverse(f"events:{view}", args=args)
    response = client.post(url) if method == "POST" else client.get(url)
    if expected[person] == "login":
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == expected[person], (person, view)
