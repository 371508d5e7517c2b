"""Live questions and polls: asking, upvoting, moderating, voting, over HTTP and the socket.

The cast: alice and dan are registered for the space's event, carol is in the space but not
registered, bob is outside the space, staff run the polls. Pages are read in English.
"""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from analytics.models import Activity
from events import services
from events.models import Event, LiveQuestion, LiveQuestionVote, Poll, PollVote
from events.services import live
from spaces.models import Membership, Space
from tests.factories import UserFactory
from tests.helpers import url

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


@pytest.fixture
def event(make_event, alice, carol, dan):
    space = Space.objects.create(name="Comité logement", slug="logement")
    for member in (alice, carol, dan):
        Membership.objects.create(space=space, user=member, state=Membership.State.ACTIVE)
    event = make_event(
        title="Forum logement",
        slug="forum",
        audience=Event.Audience.SPACE,
        space=space,
        starts_at=timezone.now() - timedelta(minutes=30),
    )
    for member in (alice, dan):
        services.register(event=event, user=member, by=member)
    return event


@pytest.fixture
def poll(event, staff):
    poll = live.create_poll(
        event=event, question="Quel sujet d'abord ?", choices=["Loyers", "Salubrité"], by=staff
    )
    return live.open_poll(poll=poll, by=staff)


@pytest.fixture
def dans_question(event, dan):
    return live.ask_question(event=event, user=dan, body="Quand aura lieu le prochain forum ?")


def choice(poll, label):
    return poll.choices.get(label=label)


# --- the page and who may see it ---

# (person) -> expected status of each live view; "login" means sent to sign in.
VIEWS = [
    "live",
    "live_ask",
    "live_upvote",
    "live_answer",
    "live_hide",
    "live_vote",
    "live_poll_create",
    "live_poll_open",
    "live_poll_close",
]
EXPECTED = {
    "anonymous": dict.fromkeys(VIEWS, "login"),
    "outsider": dict.fromkeys(VIEWS, 403),
    "not registered": dict.fromkeys(VIEWS, 403),
    "attendee": {**dict.fromkeys(VIEWS, 403), "live": 200, "live_ask": 302,
                 "live_upvote": 302, "live_vote": 302},
    "staff": {**dict.fromkeys(VIEWS, 302), "live": 200},
}  # fmt: skip


@pytest.mark.parametrize("person", list(EXPECTED))
@pytest.mark.parametrize("view", VIEWS)
def test_permission_matrix(
    client, event, poll, dans_question, alice, bob, carol, staff_with_totp, person, view
):
    user = {
        "anonymous": None,
        "outsider": bob,
        "not registered": carol,
        "attendee": alice,
        "staff": staff_with_totp,
    }[person]
    if user:
        client.force_login(user)
    args = {
        "live_upvote": [dans_question.pk],
        "live_answer": [dans_question.pk],
        "live_hide": [dans_question.pk],
        "live_vote": [poll.pk],
        "live_poll_open": [poll.pk],
        "live_poll_close": [poll.pk],
    }.get(view, [])
    data = {
        "live_ask": {"body": "Une question ?"},
        "live_vote": {"choice": choice(poll, "Loyers").pk},
        "live_poll_create": {"question": "Oui ?", "choices": "Oui\nNon"},
    }.get(view, {})
    target = url(view, event.slug, *args)
    response = client.get(target) if view == "live" else client.post(target, data)
    expected = EXPECTED[person][view]
    if expected == "login":
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == expected, (person, view)


def test_nothing_changes_when_someone_who_may_not_acts(client, event, poll, dans_question, carol):
    client.force_login(carol)
    client.post(url("live_ask", event.slug), {"body": "Et moi ?"})
    client.post(url("live_upvote", event.slug, dans_question.pk))
    client.post(url("live_vote", event.slug, poll.pk), {"choice": choice(poll, "Loyers").pk})
    client.post(url("live_hide", event.slug, dans_question.pk))
    assert LiveQuestion.objects.count() == 1
    assert LiveQuestionVote.objects.count() == 0
    assert PollVote.objects.count() == 0
    dans_question.refresh_from_db()
    assert (dans_question.votes, dans_question.status) == (0, "open")


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


# --- polls ---


def test_staff_create_a_poll_that_members_see_once_opened(client, event, alice, staff_with_totp):
    client.force_login(staff_with_totp)
    client.post(
        url("live_poll_create", event.slug),
        {"question": "Quelle date ?", "choices": "Mardi\n\n  Jeudi \nMardi\n"},
    )
    poll = Poll.objects.get()
    assert (poll.status, [c.label for c in poll.choices.all()]) == ("draft", ["Mardi", "Jeudi"])
    client.force_login(alice)
    assert "Quelle date ?" not in client.get(url("live", event.slug)).text
    assert client.post(url("live_poll_open", event.slug, poll.pk)).status_code == 403
    live.open_poll(poll=poll, by=staff_with_totp)
    assert "Quelle date ?" in client.get(url("live", event.slug)).text


def test_a_poll_needs_two_different_choices(client, event, staff_with_totp):
    client.force_login(staff_with_totp)
    response = client.post(
        url("live_poll_create", event.slug),
        {"question": "Quelle date ?", "choices": "Mardi\nMardi"},
        follow=True,
    )
    assert "A poll has between 2 and 10 different choices, one per line." in response.text
    assert Poll.objects.count() == 0


def test_attendee_votes_once_and_sees_the_results(client, event, poll, alice):
    client.force_login(alice)
    response = client.post(
        url("live_vote", event.slug, poll.pk), {"choice": choice(poll, "Loyers").pk}, follow=True
    )
    assert "Your vote is counted." in response.text
    assert "1 vote · 100%" in response.text
    response = client.post(
        url("live_vote", event.slug, poll.pk), {"choice": choice(poll, "Salubrité").pk}, follow=True
    )
    assert "You already voted in this poll." in response.text
    vote = PollVote.objects.get()
    assert (vote.user, vote.choice.label) == (alice, "Loyers")
    assert Activity.objects.filter(verb="event.poll_voted", actor=alice).count() == 1


def test_a_vote_after_the_poll_closed_is_refused(client, event, poll, alice, staff_with_totp):
    client.force_login(staff_with_totp)
    client.post(url("live_poll_close", event.slug, poll.pk))
    poll.refresh_from_db()
    assert poll.status == "closed" and poll.closed_at is not None
    client.force_login(alice)
    response = client.post(
        url("live_vote", event.slug, poll.pk), {"choice": choice(poll, "Loyers").pk}, follow=True
    )
    assert "This poll is closed: votes are no longer counted." in response.text
    assert PollVote.objects.count() == 0
    with pytest.raises(live.LiveRefused):
        live.open_poll(poll=poll, by=staff_with_totp)


def test_a_vote_for_a_choice_of_another_poll_is_refused(client, event, poll, alice, staff):
    other = live.create_poll(event=event, question="Autre ?", choices=["A", "B"], by=staff)
    client.force_login(alice)
    response = client.post(
        url("live_vote", event.slug, poll.pk), {"choice": other.choices.first().pk}, follow=True
    )
    assert "Choose one of this poll&#x27;s answers." in response.text
    for bad in ["", "abc", "999999"]:
        response = client.post(url("live_vote", event.slug, poll.pk), {"choice": bad})
        assert response.status_code == 302
    assert PollVote.objects.count() == 0


def test_a_draft_poll_takes_no_vote(event, staff, alice):
    draft = live.create_poll(event=event, question="Brouillon ?", choices=["A", "B"], by=staff)
    with pytest.raises(live.LiveRefused, match="not open yet"):
        live.vote(poll=draft, choice=draft.choices.first(), user=alice)


def test_the_unique_vote_is_the_last_guard(event, poll, alice, monkeypatch):
    """Two submits racing past the first check: the second is refused, the first stays."""
    live.vote(poll=poll, choice=choice(poll, "Loyers"), user=alice)
    monkeypatch.setattr(
        PollVote.objects, "filter", lambda **kw: PollVote.objects.none(), raising=False
    )
    with pytest.raises(live.LiveRefused, match="already voted"):
        live.vote(poll=poll, choice=choice(poll, "Salubrité"), user=alice)
    monkeypatch.undo()
    assert list(PollVote.objects.values_list("choice__label", flat=True)) == ["Loyers"]


def test_results_count_each_choice_and_the_total(event, poll, alice, dan, staff):
    live.vote(poll=poll, choice=choice(poll, "Loyers"), user=alice)
    live.vote(poll=poll, choice=choice(poll, "Salubrité"), user=dan)
    live.vote(poll=poll, choice=choice(poll, "Loyers"), user=staff)
    results = live.results(poll)
    assert results.total == 3
    assert [(row.choice.label, row.votes, row.percent) for row in results.choices] == [
        ("Loyers", 2, 67),
        ("Salubrité", 1, 33),
    ]


# --- past events: the record ---


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
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2)
    )
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


# --- query counts ---


def _page_queries(client, event):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url("live", event.slug)).status_code == 200
    return len(captured)


def _grow(event, poll, voters, questions):
    for n in range(questions):
        question = live.ask_question(event=event, user=voters[0], body=f"Question {n}")
        for voter in voters[1:]:
            live.upvote(question=question, user=voter)
    for voter in voters:
        if not PollVote.objects.filter(poll=poll, user=voter).exists():
            live.vote(poll=poll, choice=poll.choices.first(), user=voter)


def test_live_page_queries_stay_constant(client, event, poll, alice, staff):
    voters = [UserFactory(email=f"voter{n}@example.org") for n in range(20)]
    _grow(event, poll, voters[:2], 2)
    second = live.create_poll(event=event, question="Deux ?", choices=["A", "B", "C"], by=staff)
    live.open_poll(poll=second, by=staff)
    client.force_login(alice)
    before = _page_queries(client, event)
    _grow(event, poll, voters, 20)  # 10x the questions and the voters
    _grow(event, second, voters, 0)
    live.hide_question(question=LiveQuestion.objects.first(), by=staff)
    assert _page_queries(client, event) == before


# --- broadcasts ---


def test_a_vote_broadcasts_the_results_once_committed(
    event, poll, alice, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(live, "_send", lambda group, payload: sent.append((group, payload)))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        live.vote(poll=poll, choice=choice(poll, "Loyers"), user=alice)
        assert sent == []
    for callback in callbacks:
        callback()
    assert sent == [
        (
            f"event-live-{event.pk}",
            {
                "type": "results",
                "poll": poll.pk,
                "total": 1,
                "choices": [
                    {"id": choice(poll, "Loyers").pk, "votes": 1, "percent": 100},
                    {"id": choice(poll, "Salubrité").pk, "votes": 0, "percent": 0},
                ],
            },
        )
    ]


# --- admin ---

POLLS_ADMIN = "/en/admin/events/poll/"
QUESTIONS_ADMIN = "/en/admin/events/livequestion/"


def _admin_queries(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_admin_lists_stay_cheap_as_polls_and_questions_grow(staff_client, event, poll, staff):
    _grow(event, poll, [UserFactory() for _ in range(2)], 2)
    polls, questions = (
        _admin_queries(staff_client, POLLS_ADMIN),
        _admin_queries(staff_client, QUESTIONS_ADMIN),
    )
    for n in range(10):
        other = live.create_poll(event=event, question=f"Q{n}", choices=["A", "B"], by=staff)
        live.open_poll(poll=other, by=staff)
        _grow(event, other, [UserFactory() for _ in range(2)], 2)
    assert _admin_queries(staff_client, POLLS_ADMIN) == polls
    assert _admin_queries(staff_client, QUESTIONS_ADMIN) == questions


def test_admin_actions_go_through_the_services(staff_client, event, poll, dans_question):
    staff_client.post(
        QUESTIONS_ADMIN, {"action": "mark_answered", "_selected_action": [dans_question.pk]}
    )
    staff_client.post(POLLS_ADMIN, {"action": "close_polls", "_selected_action": [poll.pk]})
    dans_question.refresh_from_db()
    poll.refresh_from_db()
    assert (dans_question.status, poll.status) == ("answered", "closed")
    assert (
        Activity.objects.filter(verb__in=["event.question_answered", "event.poll_closed"]).count()
        == 2
    )
    response = staff_client.post(
        POLLS_ADMIN, {"action": "open_polls", "_selected_action": [poll.pk]}, follow=True
    )
    assert "This poll is closed: its results are final." in response.text


# --- demo ---


def test_seed_demo_live_adds_a_record_and_a_draft_poll_once(db):
    from events.demo import seed_demo_events
    from events.demo_live import seed_demo_live
    from members.demo import seed_demo_community

    seed_demo_community(log=lambda *a: None)
    seed_demo_events(log=lambda *a: None)
    assert seed_demo_live(log=lambda *a: None) == 4
    counts = (LiveQuestion.objects.count(), Poll.objects.count(), PollVote.objects.count())
    assert seed_demo_live(log=lambda *a: None) == 0
    assert (LiveQuestion.objects.count(), Poll.objects.count(), PollVote.objects.count()) == counts
    past = Event.objects.get(slug="webinar-grant-writing-funders-remember")
    assert past.polls.get().status == "closed" and past.polls.get().votes.exists()
    assert past.live_questions.filter(status="hidden").count() == 1
    assert past.live_questions.filter(status="answered").exists()
    assert past.live_questions.filter(votes__gt=0).exists()
    upcoming = Event.objects.get(slug="forum-ouvert-se-loger-dignement-a-montreal")
    assert upcoming.polls.get().status == "draft"
    assert upcoming.polls.get().question.startswith("Quel sujet")


# --- the socket ---


def headers(cookie=None):
    result = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if cookie:
        result.append((b"cookie", f"sessionid={cookie}".encode()))
    return result


async def open_live(user, slug):
    from django.test import AsyncClient

    cookie = None
    if user is not None:
        client = AsyncClient()
        await client.aforce_login(user)
        cookie = client.cookies["sessionid"].value
    from community.asgi import application

    communicator = WebsocketCommunicator(
        application, f"/ws/events/{slug}/live/", headers=headers(cookie)
    )
    connected, code = await communicator.connect()
    return communicator, connected, code


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_the_socket_refuses_outsiders(event, bob, carol):
    for user, expected in [(None, 4401), (bob, 4403), (carol, 4403)]:
        communicator, connected, code = await open_live(user, event.slug)
        assert (connected, code) == (False, expected)
    communicator, connected, code = await open_live(carol, "no-such-event")
    assert (connected, code) == (False, 4404)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_attendees_hear_a_vote_and_a_hidden_question_reveals_nothing(
    event, poll, alice, dan, staff
):
    alice_socket, connected, _code = await open_live(alice, event.slug)
    assert connected
    choice_pk = await sync_to_async(lambda: choice(poll, "Salubrité").pk)()
    await sync_to_async(
        lambda: live.vote(poll=poll, choice=poll.choices.get(pk=choice_pk), user=dan)
    )()
    message = await alice_socket.receive_json_from(timeout=2)
    assert message["type"] == "results" and message["total"] == 1
    assert {c["id"]: c["votes"] for c in message["choices"]}[choice_pk] == 1

    question = await sync_to_async(live.ask_question)(
        event=event, user=dan, body="Un secret bien gardé"
    )
    assert await alice_socket.receive_json_from(timeout=2) == {
        "type": "refresh",
        "part": "questions",
    }
    await sync_to_async(live.hide_question)(question=question, by=staff)
    assert await alice_socket.receive_json_from(timeout=2) == {
        "type": "refresh",
        "part": "questions",
    }
    await alice_socket.send_json_to({"type": "ping"})
    assert await alice_socket.receive_json_from(timeout=2) == {"type": "pong"}
    await alice_socket.disconnect()
