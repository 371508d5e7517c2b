"""The last seat under concurrent registrations (PostgreSQL); times across daylight saving."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from events import services
from events.models import Registration
from tests.factories import UserFactory
from tests.helpers import all_at_once


@pytest.mark.django_db(transaction=True)
def test_racing_registrations_never_overbook_the_last_seat(make_event):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs real concurrent transactions: PostgreSQL")
    event = make_event(capacity=3)
    members = [UserFactory(email=f"racer{n}@example.org") for n in range(12)]
    services.register(event=event, user=members[0])
    services.register(event=event, user=members[1])  # one seat left
    _refused, errors = all_at_once(
        lambda user: services.register(event=event, user=user), members[2:]
    )
    assert errors == []
    assert services.seats_taken(event) == 3
    assert Registration.objects.filter(event=event, status="confirmed").count() == 3
    assert Registration.objects.filter(event=event, status="waitlisted").count() == 9


@pytest.mark.parametrize(
    ("local", "viewer_zone", "shown"),
    [
        # Before the change back (EDT, UTC-4) and after it (EST, UTC-5): 19:00 in Montréal.
        (datetime(2026, 10, 31, 19, 0), "America/Toronto", "19:00"),
        (datetime(2026, 11, 7, 19, 0), "America/Toronto", "19:00"),
        # A viewer in Paris: 1:00 the next night before, 1:00 after Europe's own change.
        (datetime(2026, 10, 31, 19, 0), "Europe/Paris", "00:00"),
        (datetime(2026, 11, 7, 19, 0), "Europe/Paris", "01:00"),
        # Vancouver, three hours behind all year.
        (datetime(2026, 11, 7, 19, 0), "America/Vancouver", "16:00"),
    ],
)
def test_times_show_in_the_viewers_zone_across_daylight_saving(
    client, make_event, local, viewer_zone, shown, settings
):
    toronto = zoneinfo.ZoneInfo("America/Toronto")
    start = local.replace(tzinfo=toronto)
    event = make_event(audience="public", starts_at=start, registration_closes_at=None)
    event.ends_at = start + timedelta(hours=2)
    event.save()
    client.cookies["tz"] = viewer_zone
    page = client.get(reverse("events:detail", args=[event.slug]))
    assert shown in page.content.decode()


def test_unknown_zone_cookie_falls_back_to_the_site_zone(client, make_event):
    start = datetime(2026, 11, 7, 19, 0, tzinfo=zoneinfo.ZoneInfo("America/Toronto"))
    event = make_event(audience="public", starts_at=start)
    client.cookies["tz"] = "Mars/Olympus_Mons"
    page = client.get(event.get_absolute_url())
    assert page.status_code == 200
    assert "19:00" in page.content.decode() or "19 h" in page.content.decode()
