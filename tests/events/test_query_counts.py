"""The event list and an event's page read the same number of rows however many register."""

from django.urls import reverse

from events import services
from tests.factories import UserFactory
from tests.helpers import ago, move_event, page_queries


def _grow(events, count, offset):
    for n in range(count):
        user = UserFactory(email=f"grow{offset + n}@example.org")
        for event in events:
            services.register(event=event, user=user)


def test_event_list_and_page_queries_stay_constant(alice_client, make_event):
    events = [make_event(capacity=15, interests=["Logement"]) for _ in range(3)]
    _grow(events, 2, 0)
    list_before = page_queries(alice_client, reverse("events:list"))
    page_before = page_queries(alice_client, events[0].get_absolute_url())
    _grow(events, 18, 100)  # 10x the registrations, a waiting list appears
    events += [make_event(interests=["Logement"]) for _ in range(3)]
    assert page_queries(alice_client, reverse("events:list")) == list_before
    assert page_queries(alice_client, events[0].get_absolute_url()) == page_before


def test_past_events_list_their_record_in_constant_queries(alice_client, make_event, staff):
    from django.utils import translation

    from events.services import live, workshops

    def past_event(n):
        event = make_event(interests=["Logement"])
        table = workshops.add_table(event=event, theme=f"Table {n}", by=staff)
        workshops.save_notes(table=table, user=staff, notes=f"Compte rendu {n}", base_version=0)
        workshops.add_table(event=event, theme=f"Sans notes {n}", by=staff)  # not counted
        services.register(event=event, user=staff)
        question = live.ask_question(event=event, user=staff, body=f"Question {n} ?")
        live.mark_answered(question=question, by=staff)
        move_event(event, starts_at=ago(days=n + 1))

    with translation.override("en"):  # the assertions read English
        url = reverse("events:list") + "?when=past"
    past_event(1)
    before = page_queries(alice_client, url)
    for n in range(2, 8):
        past_event(n)
    assert page_queries(alice_client, url) == before
    page = alice_client.get(url).content.decode()
    assert page.count("1 workshop table with notes") == 7
    assert page.count("1 question answered") == 7
