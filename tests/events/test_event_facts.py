"""{% event_facts %} prints an event's facts list as events/event_detail.html printed it:
in French and English, in the reader's time zone and the event's, for each format (the link
shown or not), with seats or without (a past event), for each audience, with a series'
other dates, and escapes what organisers typed."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.translation import gettext

from events.models import Event
from members.models import MembershipTier
from spaces.models import Space

# The template as it was, kept beside this test.
OLD = Template((Path(__file__).parent / "event_facts_list.html").read_text())
NEW = Template(
    "{% load event_parts %}{% event_facts event zone_differs=event_zone_differs "
    "online_link=show_online_link record=record seats_left=seats_left "
    "series_dates=series_dates %}"
)


def _same(context):
    def printed(template):
        return re.sub(r"\s+", " ", template.render(Context(context))).replace("> <", "><").strip()

    new = printed(NEW)
    assert new == printed(OLD)
    return new


@pytest.fixture
def event(make_event):
    return make_event(
        title="Assemblée <générale>",
        venue="Salle « A » & co",
        address="12, rue de l'Église",
        online_url="https://example.org/réunion?a=1&b=<2>",
        capacity=20,
        time_zone="America/Vancouver",
        starts_at=timezone.now() + timedelta(days=3, hours=5),
    )


def _context(event, **values):
    zone_differs = timezone.get_current_timezone_name() != event.time_zone
    event.waitlist_count = values.pop("waitlist_count", 0)
    return {
        "event": event,
        "event_zone_differs": zone_differs,
        "show_online_link": False,
        "record": None,
        "seats_left": 4,
        "series_dates": [],
        "waitlist_count": event.waitlist_count,  # as the page's view gives it
        **values,
    }


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("zone", ["America/Toronto", "America/Vancouver", "Europe/Paris"])
@pytest.mark.parametrize("format", list(Event.Format.values))
@pytest.mark.parametrize("link", [False, True])
def test_it_prints_when_format_place_and_link_as_the_template_did(
    event, language, zone, format, link
):
    event.format = format
    with translation.override(language), timezone.override(zone):
        printed = _same(_context(event, show_online_link=link))
        local = gettext("Local time of the event:")
    assert (local in printed) == (zone != "America/Vancouver")
    assert ("https://example.org" in printed) == (link and format != "in_person")


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("seats", [(None, 0, 0), (20, 4, 0), (20, 0, 3), (1, 0, 1), (None, 0, 2)])
def test_it_prints_the_seats_as_the_template_did(event, language, seats):
    event.capacity, seats_left, waiting = seats
    with translation.override(language):
        _same(_context(event, seats_left=seats_left, waitlist_count=waiting))


def test_it_prints_no_seats_once_the_event_is_over(event):
    record = {"attended": 3, "answered_count": 1, "poll_count": 0}
    with translation.override("en"):
        assert "Seats" not in _same(_context(event, record=record))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_prints_the_space_or_the_tiers_it_is_for(event, language):
    event.audience = Event.Audience.SPACE
    event.space = Space.objects.create(name="Comité <logement>", slug="logement")
    with translation.override(language):
        assert "&lt;logement&gt;" in _same(_context(event))
    event.space = None  # a space's event whose space is missing (saved without the form)
    with translation.override(language):
        _same(_context(event))
    event.audience = Event.Audience.TIERS
    event.save()
    event.tiers.set([
        MembershipTier.objects.create(name="Organisation & co", position=1),
        MembershipTier.objects.create(name="Individuel", position=2),
    ])  # fmt: skip
    with translation.override(language):
        assert "Organisation &amp; co" in _same(_context(event))


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("zone", ["America/Toronto", "Asia/Tokyo"])
def test_it_prints_the_series_other_dates_as_the_template_did(make_event, event, language, zone):
    late = event.starts_at.replace(hour=23, minute=30)  # another day in some zones
    others = [make_event(starts_at=late + timedelta(weeks=n)) for n in (1, 2)]
    with translation.override(language), timezone.override(zone):
        assert _same(_context(event, series_dates=others)).count("<li>") == 2


def test_it_prints_no_address_line_without_an_address(event):
    event.address = ""
    with translation.override("fr"):
        assert "<br>" not in _same(_context(event, event_zone_differs=False))
