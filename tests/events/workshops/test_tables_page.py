"""The tables page: themes, facilitators, seats left, who sits; staff add tables."""

from events import services
from events.models import WorkshopTable
from events.services import workshops
from tests.events.workshops.shared import login, page
from tests.helpers import url


def test_tables_page_shows_theme_facilitator_seats_left_and_who_sits(
    client, gouvernance, financement, bob
):
    login(client, bob)
    response = client.get(url("tables", "atelier"))
    content = page(response)
    assert response.status_code == 200
    assert "Gouvernance" in content and "Financement" in content
    assert "Carol Roy" in content  # the facilitator
    assert "Alice Tremblay" in content  # seated, listed
    assert "1 seat left" in content and "3 seats left" in content
    assert "Choose this table" in content


def test_unlisted_attendees_are_counted_but_not_named_except_for_staff(
    staff_with_totp, client, atelier, gouvernance, dan, staff
):
    services.register(event=atelier, user=dan, is_listed=False)
    workshops.choose_table(table=gouvernance, user=dan)
    content = page(login(client, dan).get(url("tables", "atelier")))
    assert "Dan Côté" not in content
    assert "and 1 attendee who does not show their name" in content
    assert "Dan Côté" in page(login(client, staff).get(url("tables", "atelier")))


def test_event_without_tables_has_no_tables_page_but_staff_get_the_form(
    staff_with_totp, client, atelier, alice, staff
):
    assert login(client, alice).get(url("tables", "atelier")).status_code == 404
    response = login(client, staff).get(url("tables", "atelier"))
    assert response.status_code == 200
    assert "Add a table" in page(response)


def test_staff_add_a_table_with_a_facilitator(
    staff_with_totp, client, atelier, gouvernance, bob, staff
):
    login(client, staff)
    response = client.post(
        url("table_add", "atelier"),
        {"theme": "Bénévolat", "capacity": "6", "facilitator_email": "BOB@example.org"},
        follow=True,
    )
    assert "The table “Bénévolat” is added." in page(response)
    table = WorkshopTable.objects.get(theme="Bénévolat")
    assert (table.facilitator, table.capacity, table.position) == (bob, 6, 1)


def test_staff_form_refuses_a_facilitator_who_is_not_an_attendee(
    staff_with_totp, client, gouvernance, dan, staff
):
    login(client, staff)
    response = client.post(
        url("table_add", "atelier"),
        {"theme": "Bénévolat", "capacity": "6", "facilitator_email": dan.email},
    )
    assert response.status_code == 400
    assert "The facilitator must be a registered attendee of this event, or staff." in page(
        response
    )
    assert not WorkshopTable.objects.filter(theme="Bénévolat").exists()


def test_members_cannot_add_tables(client, gouvernance, alice):
    login(client, alice)
    response = client.post(url("table_add", "atelier"), {"theme": "X", "capacity": "4"})
    assert response.status_code == 403
    assert WorkshopTable.objects.count() == 1
