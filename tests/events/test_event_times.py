"""When an event takes place, as the list and the event's page print it: in each reader's
time zone, the end's time alone when the event ends the same day."""

import zoneinfo
from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

TORONTO = zoneinfo.ZoneInfo("America/Toronto")


def _evening_in_a_month():
    day = (timezone.now() + timedelta(days=30)).date()
    return datetime.combine(day, time(19, 0), tzinfo=TORONTO)


def test_each_reader_sees_the_times_in_their_own_zone(client, make_event):
    start = _evening_in_a_month()
    event = make_event(audience="public", starts_at=start, ends_at=start + timedelta(hours=2))
    # Toronto again last: what was printed for Paris must not come back for Toronto.
    for zone in ("America/Toronto", "Europe/Paris", "America/Toronto"):
        client.cookies["tz"] = zone
        local = start.astimezone(zoneinfo.ZoneInfo(zone))
        for url in (reverse("events:list"), event.get_absolute_url()):
            page = client.get(url).content.decode()
            assert f'<time datetime="{local.isoformat()}">' in page, (zone, url)
            assert f'<span class="muted">({zone})</span>' in page, (zone, url)


def test_an_evening_shows_its_end_as_a_time_and_a_weekend_as_a_date(client, make_event):
    client.cookies["tz"] = "America/Toronto"
    start = _evening_in_a_month()
    evening = make_event(audience="public", starts_at=start, ends_at=start + timedelta(hours=2))
    weekend = make_event(
        audience="public", starts_at=start + timedelta(days=1), ends_at=start + timedelta(days=3)
    )

    page = client.get(evening.get_absolute_url()).content.decode()
    end = evening.ends_at.astimezone(TORONTO)
    assert f'<time datetime="{end.isoformat()}">{end:%H:%M}</time>' in page

    page = client.get(weekend.get_absolute_url()).content.decode()
    end = weekend.ends_at.astimezone(TORONTO)
    assert f'<time datetime="{end.isoformat()}">' in page
    assert f'<time datetime="{end.isoformat()}">{end:%H:%M}</time>' not in page
