"""After the event, its live page is its record: read only."""

import pytest

from events.models import LiveQuestion
from events.services import live
from tests.events.live.shared import choice
from tests.helpers import ago, move_event, url

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def test_a_past_events_page_is_its_record_read_only(
    client, event, poll, alice, dan, staff_with_totp
):
    staff = staff_with_totp
    answered = live.ask_question(event=event, user=alice, body="Question répondue")
    live.mark_answered(question=answered, by=staff)
    hidden = live.ask_question(event=event, user=alice, body="Question masquée")
    live.hide_question(question=hidden, by=staff)
    live.ask_question(event=event, user=dan, body="Question restée ouverte")
    live.vote(poll=poll, choice=choice(poll, "Loyers"), user=dan)
    live.close_poll(poll=poll, by=staff)
    live.create_poll(event=event, question="Jamais ouvert", choices=["A", "B"], by=staff)
    move_event(event, starts_at=ago(days=2), ends_at=ago(days=2))
    client.force_login(staff)
    text = client.get(url("live", event.slug)).text
    assert "Question répondue" in text and "Quel sujet d&#x27;abord ?" in text
    assert "Question masquée" not in text and "Jamais ouvert" not in text
    assert "data-socket" not in text and "<textarea" not in text
    assert "Question restée ouverte" in text
    assert "Mark answered" not in text and "Upvote" not in text
    client.force_login(alice)
    response = client.post(url("live_ask", event.slug), {"body": "Trop tard ?"}, follow=True)
    assert "This event is over: its questions and polls are a record now." in response.text
    assert not LiveQuestion.objects.filter(body="Trop tard ?").exists()
