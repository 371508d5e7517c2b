"""queries.event_page_facts reads what with_facts, listed_attendees and record_of read,
for a member and for a visitor, upcoming and past, with the cache empty and kept."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from events import queries
from events.models import Event
from members.models import Profile
from tests.helpers import ago, attend, move_event


def _apart(event_id, viewer, limit):
    event = Event.objects.get(pk=event_id)
    queries.with_facts([event])
    shown, count = queries.listed_attendees(event, viewer, limit=limit)
    record = queries.record_of(event, event.checked_in_count) if event.is_past() else None
    return event, shown, count, record


def _together(event_id, viewer, limit):
    event = Event.objects.get(pk=event_id)
    shown, count, record = queries.event_page_facts(event, viewer, limit=limit)
    return event, shown, count, record


def _same(first, second):
    (event_a, shown_a, count_a, record_a), (event_b, shown_b, count_b, record_b) = first, second
    assert [r.pk for r in shown_a] == [r.pk for r in shown_b]
    assert count_a == count_b
    assert record_a == record_b
    for name in ("seats_taken", "waitlist_count", "checked_in_count", "interest_names"):
        assert getattr(event_a, name) == getattr(event_b, name)


@pytest.mark.parametrize("past", [False, True])
@pytest.mark.parametrize("who", ["alice", "visitor"])
@pytest.mark.parametrize("limit", [2, 24])
def test_event_page_facts_read_what_their_parts_read(
    make_event, alice, bob, carol, dan, past, who, limit
):
    event = make_event(audience=Event.Audience.PUBLIC, capacity=None, interests=["Arts"])
    Profile.objects.filter(user__in=[bob, carol]).update(visibility=Profile.Visibility.PUBLIC)
    attend(event, alice, bob, carol, dan)
    if past:
        move_event(event, starts_at=ago(days=2))
    viewer = alice if who == "alice" else AnonymousUser()
    cache.clear()
    _same(_together(event.pk, viewer, limit), _apart(event.pk, viewer, limit))  # read, kept
    _same(_together(event.pk, viewer, limit), _apart(event.pk, viewer, limit))  # kept


def test_event_page_facts_count_the_attendees_beyond_the_first(make_event, alice, bob, carol, dan):
    event = make_event(audience=Event.Audience.PUBLIC, capacity=None)
    attend(event, alice, bob, carol, dan)
    shown, count, record = queries.event_page_facts(event, alice, limit=2)
    assert (len(shown), count, record) == (2, 4, None)
