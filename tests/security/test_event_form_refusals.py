"""The staff event form refuses, with a field error, what used to fail on its way to the
database: a date in year 9999 (year 10000 once moved to UTC), in year 1 east of UTC, and
membership tiers named by a number no column holds."""

from datetime import UTC, datetime

import pytest

from events.models import Event
from members.models import MembershipTier
from tests.factories import event_form_data
from tests.helpers import text, url

HUGE = [str(2**63), str(10**30)]


@pytest.mark.parametrize("field", ["starts_at", "ends_at", "registration_closes_at"])
def test_a_date_in_year_9999_is_refused_with_a_field_error(staff_client, field):
    response = staff_client.post(url("create"), event_form_data(**{field: "9999-12-31T23:59"}))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [
        "Enter a date between the years 1900 and 2999."
    ]
    assert Event.objects.count() == 0


def test_a_date_in_year_1_is_refused_for_an_event_east_of_utc(staff_client):
    data = event_form_data(
        time_zone="Europe/Paris", starts_at="0001-01-01T00:30", ends_at="0001-01-01T02:00"
    )

    response = staff_client.post(url("create"), data)

    assert response.status_code == 400
    assert "Enter a date between the years 1900 and 2999." in text(response)
    assert Event.objects.count() == 0


def test_changing_an_event_to_year_9999_is_refused_and_leaves_it_as_it_was(
    staff_client, make_event
):
    event = make_event(slug="assemblee")
    before = event.starts_at

    response = staff_client.post(
        url("edit", event.slug),
        event_form_data(starts_at="9999-12-31T20:00", ends_at="9999-12-31T23:59"),
    )

    assert response.status_code == 400
    event.refresh_from_db()
    assert event.starts_at == before


@pytest.mark.parametrize("tier", [*HUGE, "not-a-tier"])
def test_tiers_no_column_holds_are_refused_with_a_field_error(staff_client, tier):
    MembershipTier.objects.create(name="Soutien")

    response = staff_client.post(url("create"), event_form_data(tiers=[tier]))

    assert response.status_code == 400
    assert response.context["form"].errors["tiers"] == [f"“{tier}” is not a valid value."]
    assert Event.objects.count() == 0


def test_a_date_within_the_years_is_still_taken(staff_client):
    response = staff_client.post(
        url("create"), event_form_data(starts_at="2999-12-31T20:00", ends_at="2999-12-31T22:00")
    )

    assert response.status_code == 302
    # 20:00 in Montréal on the last evening of 2999 is 1:00 UTC in the year 3000.
    assert Event.objects.get().starts_at == datetime(3000, 1, 1, 1, 0, tzinfo=UTC)
