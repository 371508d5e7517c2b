"""Repeating an event: each date an event of its own, at the same local time."""

import zoneinfo
from datetime import datetime

import pytest
from django.urls import reverse

from events import services
from events.models import Event, Question, Series
from events.services.series import repeat_event

TORONTO = zoneinfo.ZoneInfo("America/Toronto")


@pytest.fixture
def weekly_event(make_event, staff):
    # 19:00 in Toronto, the week before daylight saving starts (2027-03-14).
    start = datetime(2027, 3, 9, 19, 0, tzinfo=TORONTO)
    event = make_event(slug="cafe-rencontre", starts_at=start, capacity=10)
    Question.objects.create(event=event, label="Allergies ?")
    return event


def test_repeating_weekly_keeps_the_local_hour_across_daylight_saving(weekly_event, staff):
    created = repeat_event(event=weekly_event, frequency="weekly", count=3, by=staff)
    local = [event.starts_at.astimezone(TORONTO) for event in created]
    assert [moment.day for moment in local] == [16, 23, 30]
    assert {moment.hour for moment in local} == {19}
    weekly_event.refresh_from_db()
    assert {event.series_id for event in created} == {weekly_event.series_id}


def test_each_date_copies_the_questions_but_not_the_registrations(weekly_event, staff, alice):
    services.register(event=weekly_event, user=alice)
    [copy] = repeat_event(event=weekly_event, frequency="biweekly", count=1, by=staff)
    assert copy.questions.get().label == "Allergies ?"
    assert copy.registrations.count() == 0
    assert copy.capacity == 10
    assert copy.slug == "cafe-rencontre-2027-03-23"


def test_monthly_keeps_the_weekday_of_the_month(make_event, staff):
    # The 5th Thursday of April 2027 (the 29th): May and June have four, so their last one.
    start = datetime(2027, 4, 29, 12, 0, tzinfo=TORONTO)
    event = make_event(slug="dejeuner", starts_at=start)
    first, second = repeat_event(event=event, frequency="monthly", count=2, by=staff)
    assert first.starts_at.astimezone(TORONTO).date().isoformat() == "2027-05-27"
    assert second.starts_at.astimezone(TORONTO).date().isoformat() == "2027-06-24"


def test_staff_repeat_from_the_page_and_members_see_the_other_dates(
    client, weekly_event, staff_client, alice
):
    url = reverse("events:repeat", args=[weekly_event.slug])
    response = staff_client.post(url, {"frequency": "weekly", "count": 2})
    assert response.status_code == 302
    assert Series.objects.get().events.count() == 3
    client.force_login(alice)
    page = client.get(weekly_event.get_absolute_url()).content.decode()
    assert reverse("events:detail", args=["cafe-rencontre-2027-03-16"]) in page


def test_a_bad_count_is_refused_on_the_page(weekly_event, staff_client):
    url = reverse("events:repeat", args=[weekly_event.slug])
    response = staff_client.post(url, {"frequency": "weekly", "count": 500})
    assert response.status_code == 400
    assert Event.objects.count() == 1


@pytest.mark.parametrize(("person", "expected"), [("anonymous", 302), ("member", 403)])
def test_only_staff_repeat_events(client, weekly_event, alice, person, expected):
    if person == "member":
        client.force_login(alice)
    url = reverse("events:repeat", args=[weekly_event.slug])
    assert client.get(url).status_code == expected
    assert client.post(url, {"frequency": "weekly", "count": 2}).status_code == expected
    assert Event.objects.count() == 1
