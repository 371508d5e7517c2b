"""{% question_items %} prints the live page's questions as events/live/_question_items.html
printed them, for an author, another attendee, staff, and once the event is over."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from events.services import live
from tests.helpers import ago, move_event

# The template as it was, kept beside this test.
LOOP = Template((Path(__file__).parent / "question_items_loop.html").read_text())
TAG = Template("{% load live_parts %}{% question_items questions %}")
PARTS = ("open_questions", "answered_questions", "hidden_questions")


@pytest.fixture
def questions(event, alice, dan, staff):
    long = "Comment <b>financer</b> & loger " + "très " * 20 + "?"
    first = live.ask_question(event=event, user=alice, body=long)
    live.ask_question(event=event, user=dan, body="Et les « rénovictions » ?")
    answered = live.ask_question(event=event, user=dan, body="Une question répondue")
    hidden = live.ask_question(event=event, user=alice, body="Une question cachée")
    live.upvote(question=first, user=dan)
    live.mark_answered(question=answered, by=staff)
    live.hide_question(question=hidden, by=staff)
    return event


def _compare(client, event, language):
    response = client.get(reverse("events:live", args=[event.slug]))
    assert response.status_code == 200
    context = response.context[0].flatten()  # the page's own template
    printed = 0
    with translation.override(language):
        for part in PARTS:
            context["questions"] = context[part]
            assert TAG.render(Context(context)) == LOOP.render(Context(context))
            printed += len(context[part])
    return printed


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("who", ["alice", "dan", "staff"])
def test_question_items_print_as_the_template_did(
    client, questions, alice, dan, staff_with_totp, who, language
):
    client.force_login({"alice": alice, "dan": dan, "staff": staff_with_totp}[who])
    client.cookies["django_language"] = language
    assert _compare(client, questions, language) == (4 if who == "staff" else 3)


def test_past_questions_print_as_the_template_did(alice_client, questions):
    move_event(questions, starts_at=ago(days=2))
    assert _compare(alice_client, questions, "fr") == 3
