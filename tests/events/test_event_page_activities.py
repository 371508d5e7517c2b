"""The event page leads to what happens there (tables, live Q&A and polls, people to meet,
feedback) and, once the event is over, shows its record."""

from datetime import timedelta

from django.utils import timezone, translation

from events import services
from events.models import Event
from events.services import live, workshops
from tests.helpers import ago, assert_queries_stay_the_same, move_event


def page(client, event):
    """The English page: the assertions read English."""
    with translation.override("en"):
        url = event.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_attendee_finds_the_live_page_people_and_tables(client, alice, make_event, staff):
    event = make_event(title="Forum logement")
    workshops.add_table(event=event, theme="Logement social", by=staff)
    services.register(event=event, user=alice)
    client.force_login(alice)
    text = page(client, event)
    assert "During the event" in text
    assert "Logement social" in text
    assert f"/events/{event.slug}/live/" in text
    assert f"/events/{event.slug}/people/" in text
    assert "Give my feedback" not in text  # not before it happened


def test_a_member_not_registered_sees_the_tables_but_not_the_live_links(
    client, bob, make_event, staff
):
    event = make_event()
    workshops.add_table(event=event, theme="Financement", by=staff)
    client.force_login(bob)
    text = page(client, event)
    assert "Financement" in text
    assert f"/events/{event.slug}/live/" not in text
    assert f"/events/{event.slug}/people/" not in text


def test_an_event_without_tables_shows_nothing_to_a_visitor(client, make_event):
    event = make_event(audience=Event.Audience.PUBLIC)
    assert "During the event" not in page(client, event)


def test_a_past_event_shows_its_record_and_asks_the_attendee_for_feedback(
    client, alice, bob, make_event, staff
):
    event = make_event(starts_at=timezone.now() + timedelta(days=1))
    services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    question = live.ask_question(event=event, user=alice, body="Quand le prochain ?")
    live.mark_answered(question=question, by=staff)
    later = live.ask_question(event=event, user=bob, body="Et les comptes rendus ?")
    registration = event.registrations.get(user=alice)
    services.check_in(registration=registration, by=staff)
    move_event(event, starts_at=ago(days=2), ends_at=ago(days=1))
    client.force_login(alice)
    text = page(client, event)
    assert "What happened" in text
    assert "1 person attended." in text
    assert "1 question answered live." in text
    assert "Give my feedback" in text
    # The record is kept, and follows a change made afterwards (in the admin).
    later.status = later.Status.ANSWERED
    later.save()
    assert "2 questions answered live." in page(client, event)


def test_the_event_page_queries_stay_constant_as_tables_grow(client, alice, make_event, staff):
    event = make_event()
    services.register(event=event, user=alice)
    client.force_login(alice)
    workshops.add_table(event=event, theme="Table 0", by=staff, facilitator=staff)

    def grow():
        for n in range(1, 10):
            workshops.add_table(event=event, theme=f"Table {n}", by=staff, facilitator=staff)

    assert_queries_stay_the_same(lambda: page(client, event), grow)
    assert "Table 9" in page(client, event)
