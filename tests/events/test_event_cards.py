"""{% event_cards %} prints a list's cards as events/_event_cards.html printed them, upcoming
and past, for a member registered or waiting and for a visitor."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from events import services
from events.models import Event
from tests.helpers import ago, move_event

# The include as it was, kept beside this test.
OLD = Template((Path(__file__).parent / "event_cards_include.html").read_text())
NEW = Template("{% load event_parts %}{% event_cards events past %}")


@pytest.fixture
def listed(make_event, alice, bob):
    full = make_event(title="Pleine <b>&</b> co", capacity=1, venue="Salle « A »",
                      interests=["Logement", "Arts"], audience=Event.Audience.PUBLIC)  # fmt: skip
    services.register(event=full, user=bob)
    services.register(event=full, user=alice)
    mine = make_event(title="Inscrite", capacity=10, audience=Event.Audience.PUBLIC,
                      interests=["Jardins communautaires"])  # fmt: skip
    services.register(event=mine, user=alice)
    make_event(title="Sans limite", capacity=None, audience=Event.Audience.PUBLIC)
    gone = make_event(title="Passée", audience=Event.Audience.PUBLIC)
    services.register(event=gone, user=alice)
    move_event(gone, starts_at=ago(days=3))


def _compare(client, url, language):
    response = client.get(url)
    assert response.status_code == 200
    context = response.context[0].flatten()  # the page's own template
    shown = 0
    with translation.override(language):
        for events in (context["recommended"], context["page"]):
            context["events"] = events
            printed = NEW.render(Context(context))
            assert printed == OLD.render(Context(context))
            shown += printed.count("<li class=")
    return shown


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("when", ["", "?when=past"])
@pytest.mark.parametrize("who", ["alice", "visitor"])
def test_event_cards_print_as_the_include_did(client, listed, alice, who, when, language):
    if who == "alice":
        client.force_login(alice)
    client.cookies["django_language"] = language
    assert _compare(client, reverse("events:list") + when, language) == (1 if when else 3)


def test_a_card_shows_its_event_cover_before_and_after_its_file_is_read(client, make_event):
    event = make_event(title="Couverte", audience=Event.Audience.PUBLIC)
    Event.objects.filter(pk=event.pk).update(cover="events/covers/couverte.webp")
    event.refresh_from_db()
    image = f'<img class="space-cover" src="{event.cover.url}" width="600" height="200" alt="">'
    assert image in client.get(reverse("events:list")).content.decode()
    event.interest_names = []
    event.seats_taken = event.waitlist_count = 0
    assert image in OLD.render(Context({"events": [event], "past": False}))  # cover read
