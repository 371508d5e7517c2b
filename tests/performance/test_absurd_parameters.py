"""Absurd parameters on every list page (a page number of a billion, a page called "abc",
500 interests, a search of 10,000 characters, cursors past any date or integer): a clear
answer within the page's query budget, never a server error."""

import pytest
from django.urls import reverse

from events import services as event_services
from spaces import services as space_services
from spaces.permissions import access_to
from tests.factories import (
    ConversationFactory,
    DirectMessageFactory,
    NotificationFactory,
    make_space,
    make_thread,
)
from tests.helpers import counting_queries, text
from tests.performance.conftest import BUDGET

LONG = "x" * 10_000
MANY_INTERESTS = [f"interet-{n}" for n in range(500)]
PAGES = {
    "a billion": {"page": "1000000000"},
    "abc": {"page": "abc"},
    "negative": {"page": "-3"},
    "huge": {"page": "9" * 40},
}


@pytest.fixture
def place(alice, bob, staff, make_event):
    """A space alice owns with a question answered, an event she goes to, a conversation
    and a notification: something in every list."""
    space = make_space("Jardins", owner=alice, members=[bob], interests=["Logement"])
    question = make_thread(space, alice, title="Comment arroser ?", kind="question")
    answer = space_services.reply_to_thread(
        access=access_to(bob, space), thread=question, body="Le matin."
    )
    space_services.accept_answer(by=alice, thread=question, reply=answer)
    event = make_event(interests=["Logement"])
    event_services.register(event=event, user=alice)
    conversation = ConversationFactory(people=[alice, bob])
    DirectMessageFactory(conversation=conversation, author=bob)
    NotificationFactory(recipient=alice, actor=bob)
    return {"space": space, "event": event, "thread": question, "conversation": conversation}


def pages(place):
    """(label, URL) of every list page that reads parameters."""
    slug = place["space"].slug
    return [
        ("directory", reverse("members:directory")),
        ("spaces", reverse("spaces:list")),
        ("space's threads", reverse("spaces:detail", args=[slug])),
        ("thread", reverse("spaces:thread", args=[slug, place["thread"].pk])),
        ("knowledge", reverse("spaces:knowledge", args=[slug])),
        ("space's members", reverse("spaces:members", args=[slug])),
        ("moderation", reverse("spaces:moderation", args=[slug])),
        ("events", reverse("events:list")),
        ("notifications", reverse("notifications")),
        ("conversations", reverse("direct:inbox")),
    ]


def get(client, url, params, **headers):
    """The answer to a repeat visit with these parameters (a first visit warms caches and
    records the visit) and its number of queries."""
    client.get(url, headers=headers or None)
    with counting_queries() as queries:
        response = client.get(url, params, headers=headers or None)
    return response, len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_an_absurd_page_number_shows_a_page_of_the_list(alice_client, place, page):
    failures = []
    for label, url in pages(place):
        response, queries = get(alice_client, url, PAGES[page])
        if response.status_code != 200 or queries > BUDGET:
            number = PAGES[page]["page"]
            failures.append(f"{label} ?page={number}: {response.status_code}, {queries} queries")
    assert not failures, "\n".join(failures)


def searches(place):
    """(label, URL, the parameter searched) of every page with a search box."""
    slug = place["space"].slug
    return [
        ("directory", reverse("members:directory"), "q"),
        ("knowledge", reverse("spaces:knowledge", args=[slug]), "q"),
        ("mention suggestions", reverse("spaces:mentions", args=[slug]), "q"),
        ("check-in desk", reverse("events:check_in_desk", args=[place["event"].slug]), "q"),
    ]


def test_a_search_of_10000_characters_is_refused_with_a_message(staff_client, place):
    failures = []
    for label, url, name in searches(place):
        response, queries = get(staff_client, url, {name: LONG})
        if response.status_code not in (200, 400) or queries > BUDGET:
            failures.append(f"{label}: {response.status_code}, {queries} queries")
        elif "10000" not in text(response) and label != "mention suggestions":
            failures.append(f"{label}: no message says the search is too long")
    assert not failures, "\n".join(failures)


def test_a_filter_on_500_interests_answers_within_the_budget(alice_client, place):
    slug = place["space"].slug
    failures = []
    for label, url, name in [
        ("directory", reverse("members:directory"), "interest"),
        ("directory's skills", reverse("members:directory"), "skill"),
        ("knowledge", reverse("spaces:knowledge", args=[slug]), "tag"),
        ("events", reverse("events:list"), "interest"),
    ]:
        response, queries = get(alice_client, url, {name: MANY_INTERESTS})
        if response.status_code not in (200, 400) or queries > BUDGET:
            failures.append(f"{label}: {response.status_code}, {queries} queries")
    assert not failures, "\n".join(failures)


def test_absurd_dates_in_the_events_filter_are_refused_with_a_message(alice_client, place):
    for dates in (
        {"start": "99999-01-01"},
        {"start": "2027-13-45", "end": "0000-00-00"},
        {"start": LONG},
    ):
        response, queries = get(alice_client, reverse("events:list"), dates)
        assert response.status_code in (200, 400), dates
        assert queries <= BUDGET
        assert "date" in text(response).lower()


@pytest.mark.parametrize("before", ["9" * 40, "-1", "abc", "9999-12-31T23:59:59", LONG])
def test_an_absurd_cursor_shows_the_chat_and_the_feed(alice_client, place, before):
    chat = reverse("spaces:chat", args=[place["space"].slug])
    for url, headers in ((chat, {}), (reverse("home"), {"HX-Request": "true"})):
        response, queries = get(alice_client, url, {"before": before}, **headers)
        assert response.status_code == 200, (url, before)
        assert queries <= BUDGET, (url, queries)


def test_writing_to_500_members_at_once_answers_within_the_budget(alice_client, place):
    recipients = [str(pk) for pk in range(1, 501)] + ["9" * 40, "abc"]
    response, queries = get(alice_client, reverse("direct:new"), {"to": recipients})
    assert response.status_code == 200
    assert queries <= BUDGET


def test_a_mention_search_longer_than_any_name_is_answered_without_searching(alice_client, place):
    url = reverse("spaces:mentions", args=[place["space"].slug])
    found, searched = get(alice_client, url, {"q": "bo"})
    assert "Bob Gagnon" in text(found)
    refused, not_searched = get(alice_client, url, {"q": LONG})
    assert refused.status_code == 200
    assert "Bob Gagnon" not in text(refused)
    assert not_searched < searched


def test_a_null_character_in_a_search_is_no_server_error(staff_client, place):
    """PostgreSQL stores no NUL: a search holding one is refused or finds no one."""
    failures = []
    for label, url, name in searches(place):
        response, queries = get(staff_client, url, {name: "bo\x00b", "page": "\x00"})
        if response.status_code not in (200, 400) or queries > BUDGET:
            failures.append(f"{label}: {response.status_code}, {queries} queries")
    assert not failures, "\n".join(failures)
