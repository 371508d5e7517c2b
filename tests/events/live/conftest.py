"""Live questions and polls: the cast. alice and dan are registered for the space's event
(which started half an hour ago), carol is in the space but not registered, bob is outside
the space, staff run the polls."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import services
from events.models import Event
from events.services import live
from tests.factories import SpaceFactory, SpaceMembershipFactory


@pytest.fixture
def event(make_event, alice, carol, dan):
    space = SpaceFactory(name="Comité logement", slug="logement")
    for member in (alice, carol, dan):
        SpaceMembershipFactory(space=space, user=member)
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
