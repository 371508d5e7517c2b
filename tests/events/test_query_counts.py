"""The event list and an event's page read the same number of rows however many register."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import services
from tests.factories import UserFactory


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(events, count, offset):
    for n in range(count):
        user = UserFactory(email=f"grow{offset + n}@example.org")
        for event in events:
            services.register(event=event, user=user)


def test_event_list_and_page_queries_stay_constant(alice_client, make_event):
    events = [make_event(capacity=15, interests=["Logement"]) for _ in range(3)]
    _grow(events, 2, 0)
    list_before = _queries(alice_client, reverse("events:list"))
    page_before = _queries(alice_client, events[0].get_absolute_url())
    _grow(events, 18, 100)  # 10x the registrations, a waiting list appears
    events += [make_event(interests=["Logement"]) for _ in range(3)]
    assert _queries(alice_client, reverse("events:list")) == list_before
    assert _queries(alice_client, events[0].get_absolute_url()) == page_before
