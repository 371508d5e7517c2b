"""{% poll_cards %} prints the live page's polls as events/live/_polls.html printed them:
draft, open (voted or not) and closed polls, for an attendee and staff, during the event and
once it is over, and the sentence when there is no poll."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from events.models import Poll
from events.services import live
from tests.helpers import ago, move_event

# The template as it was, kept beside this test.
OLD = Template((Path(__file__).parent / "poll_cards_loop.html").read_text())
NEW = Template(Path(__file__).parents[3].joinpath("templates/events/live/_polls.html").read_text())


@pytest.fixture
def polls(event, alice, dan, staff):
    voted = live.create_poll(
        event=event, question="Quel <sujet> d'abord ?", choices=["Loyers", "Salubrité & co"],
        by=staff,
    )  # fmt: skip
    live.open_poll(poll=voted, by=staff)
    for person, choice in ((alice, 0), (dan, 1)):
        live.vote(poll=voted, choice=voted.choices.order_by("position")[choice], user=person)
    unvoted = live.create_poll(
        event=event, question="Et ensuite ?", choices=["A", "B", "C"], by=staff
    )
    live.open_poll(poll=unvoted, by=staff)
    closed = live.create_poll(event=event, question="Fermé ?", choices=["Oui", "Non"], by=staff)
    live.open_poll(poll=closed, by=staff)
    live.close_poll(poll=closed, by=staff)
    live.create_poll(event=event, question="Brouillon ?", choices=["Un", "Deux"], by=staff)
    return event


def _compare(client, event, language):
    response = client.get(reverse("events:live", args=[event.slug]))
    assert response.status_code == 200
    context = response.context[0].flatten()  # the page's own template
    with translation.override(language):
        printed = NEW.render(Context(context))
        assert printed == OLD.render(Context(context))
    return printed.count("<article")


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("who", ["alice", "staff"])
def test_poll_cards_print_as_the_template_did(client, polls, alice, staff_with_totp, who, language):
    client.force_login(alice if who == "alice" else staff_with_totp)
    client.cookies["django_language"] = language
    assert _compare(client, polls, language) == (4 if who == "staff" else 3)


@pytest.mark.parametrize("who", ["alice", "staff"])
def test_past_polls_print_as_the_template_did(client, polls, alice, staff_with_totp, who):
    client.force_login(alice if who == "alice" else staff_with_totp)
    move_event(polls, starts_at=ago(days=2))
    assert _compare(client, polls, "fr") == 1  # the closed poll alone


@pytest.mark.parametrize("past", [False, True])
@pytest.mark.parametrize("who", ["alice", "staff"])
def test_no_poll_prints_as_the_template_did(client, event, alice, staff_with_totp, who, past):
    client.force_login(alice if who == "alice" else staff_with_totp)
    if past:
        move_event(event, starts_at=ago(days=2))
    assert not Poll.objects.exists()
    assert _compare(client, event, "fr") == 0
