"""Workshop tables: who sees what, before and after the event."""

import pytest

from events.models import Event
from events.services import workshops
from tests.events.workshops.shared import login, move_to_past, notes_of, page
from tests.helpers import url

PEOPLE = ["anonymous", "outsider", "not registered", "attendee elsewhere", "participant",
          "facilitator", "staff"]  # fmt: skip

TABLES_PAGE = {"anonymous": 403, "outsider": 403, "not registered": 200,
               "attendee elsewhere": 200, "participant": 200, "facilitator": 200,
               "staff": 200}  # fmt: skip
TABLE_PAGE_UPCOMING = {"anonymous": "login", "outsider": 403, "not registered": 403,
                       "attendee elsewhere": 403, "participant": 200, "facilitator": 200,
                       "staff": 200}  # fmt: skip
TABLE_PAGE_PAST = {"anonymous": "login", "outsider": 403, "not registered": 403,
                   "attendee elsewhere": 200, "participant": 200, "facilitator": 200,
                   "staff": 200}  # fmt: skip
EDIT_UPCOMING = {"participant": True, "facilitator": True, "staff": True}
HISTORY = {"participant": True, "facilitator": True, "staff": True}


@pytest.fixture
def cast(erin, dan, bob, alice, carol, staff_with_totp):
    return {"anonymous": None, "outsider": erin, "not registered": dan,
            "attendee elsewhere": bob, "participant": alice, "facilitator": carol,
            "staff": staff_with_totp}  # fmt: skip


def check(response, expected, person):
    if expected == "login":
        assert response.status_code == 302, person
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == expected, person


@pytest.mark.parametrize("person", PEOPLE)
def test_tables_page_permissions(client, gouvernance, cast, person):
    if cast[person]:
        login(client, cast[person])
    check(client.get(url("tables", "atelier")), TABLES_PAGE[person], person)


@pytest.mark.parametrize("person", PEOPLE)
def test_table_page_permissions_during_the_event(client, gouvernance, cast, person):
    if cast[person]:
        login(client, cast[person])
    response = client.get(url("table", "atelier", gouvernance.pk))
    check(response, TABLE_PAGE_UPCOMING[person], person)
    if response.status_code == 200:
        assert ('name="notes"' in page(response)) == EDIT_UPCOMING.get(person, False)
        assert ("History" in page(response)) == HISTORY.get(person, False)


@pytest.mark.parametrize("person", PEOPLE)
def test_table_page_permissions_after_the_event(client, atelier, gouvernance, cast, person):
    move_to_past(atelier, ended_days_ago=30)
    if cast[person]:
        login(client, cast[person])
    response = client.get(url("table", "atelier", gouvernance.pk))
    check(response, TABLE_PAGE_PAST[person], person)
    if response.status_code == 200:
        assert ('name="notes"' in page(response)) == (person == "staff")
        assert ("History" in page(response)) == HISTORY.get(person, False)


@pytest.mark.parametrize("person", PEOPLE)
def test_saving_notes_permissions(client, gouvernance, cast, person):
    if cast[person]:
        login(client, cast[person])
    response = client.post(
        url("table", "atelier", gouvernance.pk), {"notes": "Essai", "base_version": "0"}
    )
    expected = 302 if EDIT_UPCOMING.get(person) else TABLE_PAGE_UPCOMING[person]
    check(response, expected, person)
    assert (notes_of(gouvernance) == "Essai") == (expected == 302)


def test_attendee_elsewhere_sees_no_link_to_another_tables_notes_during_the_event(
    client, gouvernance, bob
):
    content = page(login(client, bob).get(url("tables", "atelier")))
    assert f'href="{url("table", "atelier", gouvernance.pk)}"' not in content


def test_public_events_tables_page_is_open_to_visitors(client, make_event, staff):
    event = make_event(slug="forum", audience=Event.Audience.PUBLIC)
    workshops.add_table(event=event, theme="Logement", by=staff)
    response = client.get(url("tables", "forum"))
    assert response.status_code == 200
    assert "Sign in to choose a table." in page(response)
