"""Live questions over HTTP: asking, upvoting, ordering, hiding, answering. Pages are
read in English."""

import pytest

from analytics.models import Activity
from events.models import LiveQuestion, LiveQuestionVote
from events.services import live
from tests.helpers import url

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def test_attendee_asks_a_question_and_sees_it_on_the_page(client, event, alice):
    client.force_login(alice)
    response = client.post(
        url("live_ask", event.slug), {"body": "  Où trouver   les documents ?  "}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("live", event.slug) + "#live-questions"
    assert "Your question is in the list." in response.text
    assert "Où trouver les documents ?" in response.text
    question = LiveQuestion.objects.get()
    assert (question.author, question.body, question.status) == (
        alice,
        "Où trouver les documents ?",
        "open",
    )
    assert Activity.objects.filter(verb="event.question_asked", actor=alice).count() == 1


def test_an_empty_or_too_long_question_is_refused_with_the_reason(client, event, alice):
    client.force_login(alice)
    response = client.post(url("live_ask", event.slug), {"body": "   "}, follow=True)
    assert "Write your question first." in response.text
    response = client.post(url("live_ask", event.slug), {"body": "x" * 501}, follow=True)
    assert "A question is at most 500 characters." in response.text
    assert LiveQuestion.objects.count() == 0


def test_a_question_sent_twice_is_stored_once(client, event, alice):
    client.force_login(alice)
    for _ in range(2):
        client.post(url("live_ask", event.slug), {"body": "Une seule fois ?"})
    assert LiveQuestion.objects.count() == 1


def test_htmx_gets_the_questions_back_with_the_new_one(client, event, alice):
    client.force_login(alice)
    response = client.post(
        url("live_ask", event.slug), {"body": "Par HTMX ?"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "live-saved"
    assert "Par HTMX ?" in response.text
    assert "<html" not in response.text


def test_upvoting_twice_counts_once(client, event, alice, dans_question):
    client.force_login(alice)
    client.post(url("live_upvote", event.slug, dans_question.pk))
    client.post(url("live_upvote", event.slug, dans_question.pk))
    dans_question.refresh_from_db()
    assert dans_question.votes == 1
    assert LiveQuestionVote.objects.filter(question=dans_question).count() == 1
    assert Activity.objects.filter(verb="event.question_upvoted").count() == 1
    assert live.upvote(question=dans_question, user=alice) is False


def test_the_author_does_not_upvote_their_own_question(client, event, dan, dans_question):
    client.force_login(dan)
    response = client.post(url("live_upvote", event.slug, dans_question.pk), follow=True)
    assert "You asked this question: others upvote it." in response.text
    dans_question.refresh_from_db()
    assert dans_question.votes == 0


def test_questions_are_listed_most_upvoted_first(client, event, alice, dan, carol):
    live.ask_question(event=event, user=dan, body="Première question")
    second = live.ask_question(event=event, user=dan, body="Deuxième question")
    live.upvote(question=second, user=alice)
    client.force_login(alice)
    text = client.get(url("live", event.slug)).text
    assert text.index("Deuxième question") < text.index("Première question")


def test_hidden_questions_are_shown_to_staff_only(
    client, event, alice, staff_with_totp, dans_question
):
    client.force_login(staff_with_totp)
    client.post(url("live_hide", event.slug, dans_question.pk))
    dans_question.refresh_from_db()
    assert (dans_question.status, dans_question.moderated_by) == ("hidden", staff_with_totp)
    assert "Quand aura lieu le prochain forum ?" in client.get(url("live", event.slug)).text
    client.force_login(alice)
    assert "Quand aura lieu le prochain forum ?" not in client.get(url("live", event.slug)).text
    part = client.get(url("live", event.slug) + "?part=questions", HTTP_HX_REQUEST="true")
    assert "Quand aura lieu le prochain forum ?" not in part.text
    # Nor may a member upvote it by its number.
    assert client.post(url("live_upvote", event.slug, dans_question.pk)).status_code == 404


def test_staff_mark_a_question_answered(client, event, staff_with_totp, dans_question):
    client.force_login(staff_with_totp)
    client.post(url("live_answer", event.slug, dans_question.pk))
    client.post(url("live_answer", event.slug, dans_question.pk))
    dans_question.refresh_from_db()
    assert dans_question.status == "answered"
    assert dans_question.answered_at is not None
    assert Activity.objects.filter(verb="event.question_answered").count() == 1
