"""The admin of workshop tables."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.services import workshops
from tests.events.workshops.shared import grow, page

ADMIN_TABLES = "/en/admin/events/workshoptable/"


def admin_queries(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured), page(response)


def test_admin_lists_tables_with_seats_without_n_plus_one(
    staff_client, atelier, gouvernance, financement, staff
):
    few, content = admin_queries(staff_client, ADMIN_TABLES)
    assert '<td class="field-seats">1 / 2</td>' in content
    grow(atelier, staff, 10, 3, 200)
    many, _content = admin_queries(staff_client, ADMIN_TABLES)
    assert many == few


def test_admin_table_page_shows_seats_and_revisions_read_only(
    staff_client, gouvernance, carol, alice
):
    workshops.save_notes(table=gouvernance, user=carol, notes="**Bilan**", base_version=0)
    response = staff_client.get(f"{ADMIN_TABLES}{gouvernance.pk}/change/")
    content = page(response)
    assert response.status_code == 200
    assert "alice@example.org" in content
    assert "<strong>Bilan</strong>" in content
    assert 'name="notes"' not in content


def test_the_event_admin_edits_its_workshop_tables(staff_client, atelier, gouvernance):
    content = page(staff_client.get(f"/en/admin/events/event/{atelier.pk}/change/"))
    assert 'name="workshop_tables-0-theme"' in content
    assert 'data-field-name="facilitator"' in content


def test_admin_sets_a_tables_event_on_add_only(staff_client, atelier, gouvernance):
    response = staff_client.get(f"{ADMIN_TABLES}{gouvernance.pk}/change/")
    assert 'name="event"' not in page(response)
    response = staff_client.get(f"{ADMIN_TABLES}add/")
    assert 'name="event"' in page(response)
