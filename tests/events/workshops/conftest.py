"""Workshop tables: the cast. alice sits at the "Gouvernance" table, carol facilitates it,
bob is registered but sits elsewhere (or nowhere), dan is in the event's space but not
registered, erin is outside the event's audience, and staff manage everything."""

import pytest

from events import services
from events.models import Event
from events.services import workshops
from tests.factories import SpaceFactory, SpaceMembershipFactory, UserFactory, verified


@pytest.fixture
def erin(db):
    return verified(UserFactory(email="erin@example.org", profile__display_name="Erin Outsider"))


@pytest.fixture
def atelier(make_event, alice, bob, carol, dan):
    """A space's workshop: alice, bob and carol registered, dan a member of the space."""
    space = SpaceFactory(name="Gouvernance des OBNL", slug="gouvernance")
    for member in (alice, bob, carol, dan):
        SpaceMembershipFactory(space=space, user=member)
    event = make_event(slug="atelier", audience=Event.Audience.SPACE, space=space)
    for member in (alice, bob, carol):
        services.register(event=event, user=member)
    return event


@pytest.fixture
def gouvernance(atelier, alice, carol, staff):
    table = workshops.add_table(
        event=atelier, theme="Gouvernance", capacity=2, facilitator=carol, by=staff
    )
    workshops.choose_table(table=table, user=alice)
    return table


@pytest.fixture
def financement(atelier, staff):
    return workshops.add_table(event=atelier, theme="Financement", capacity=3, by=staff)
