"""An event's live socket stops at once for whoever is no longer an attendee: a cancelled
registration, an audience that no longer includes them (new tiers, unpublished), a member
taken out of the space a space event is for, a closed account. Those who still attend hear on.

The cast: alice and dan are registered for the space's event, carol moderates the space,
staff (with two-factor) run the event."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone

from events import services
from events.models import Event, Registration
from events.services import editing, live
from members.models import MembershipTier
from spaces.models import Membership, Space
from spaces.services import moderation
from tests.helpers import close_account, close_code, open_socket

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def event(make_event, alice, carol, dan):
    space = Space.objects.create(name="Comité logement", slug="logement")
    Membership.objects.create(space=space, user=carol, role="moderator")
    for member in (alice, dan):
        Membership.objects.create(space=space, user=member)
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


def live_path(event):
    return f"/ws/events/{event.slug}/live/"


async def dan_asks_and_only_attendees_hear(event, dan, hearing, gone):
    await sync_to_async(live.ask_question)(event=event, user=dan, body="Et les loyers ?")
    for socket in hearing:
        assert await socket.receive_json_from(timeout=2) == {"type": "refresh", "part": "questions"}
    assert await gone.receive_nothing(timeout=0.3)


async def test_a_cancelled_registration_closes_the_live_page_at_once(event, alice, dan):
    alice_live, connected, _ = await open_socket(alice, live_path(event))
    assert connected
    dan_live, _c, _ = await open_socket(dan, live_path(event))
    registration = await sync_to_async(Registration.objects.get)(event=event, user=alice)
    await sync_to_async(services.cancel)(registration=registration)
    assert await close_code(alice_live) == (4403, [])
    await dan_asks_and_only_attendees_hear(event, dan, [dan_live], alice_live)
    await alice_live.disconnect()
    await dan_live.disconnect()


async def test_an_event_for_other_tiers_closes_the_live_page_of_those_outside_them(
    event, alice, dan, staff_with_totp
):
    alice_live, _c, _ = await open_socket(alice, live_path(event))
    staff_live, connected, _ = await open_socket(staff_with_totp, live_path(event))
    assert connected

    def for_board_members_only():
        board = MembershipTier.objects.create(name="Conseil")
        changed = Event.objects.get(pk=event.pk)
        changed.audience = Event.Audience.TIERS
        editing.save_event(event=changed, by=staff_with_totp, interests=[], tiers=[board])

    await sync_to_async(for_board_members_only)()
    assert await close_code(alice_live) == (4403, [])
    await dan_asks_and_only_attendees_hear(event, dan, [staff_live], alice_live)
    await alice_live.disconnect()
    await staff_live.disconnect()


async def test_an_unpublished_event_closes_its_live_page_for_members_as_not_found(
    event, alice, staff_with_totp
):
    alice_live, _c, _ = await open_socket(alice, live_path(event))

    def unpublish():
        changed = Event.objects.get(pk=event.pk)
        changed.is_published = False
        editing.save_event(event=changed, by=staff_with_totp, interests=[], tiers=[])

    await sync_to_async(unpublish)()
    assert await close_code(alice_live) == (4404, [])
    await alice_live.disconnect()


async def test_a_member_taken_out_of_the_space_loses_its_events_live_page(event, alice, carol, dan):
    alice_live, _c, _ = await open_socket(alice, live_path(event))
    dan_live, _c, _ = await open_socket(dan, live_path(event))
    membership = await sync_to_async(Membership.objects.get)(space=event.space_id, user=alice)
    assert await sync_to_async(moderation.remove)(moderator=carol, membership=membership)
    assert await close_code(alice_live) == (4403, [])
    await dan_asks_and_only_attendees_hear(event, dan, [dan_live], alice_live)
    await alice_live.disconnect()
    await dan_live.disconnect()


async def test_a_closed_account_loses_the_live_page(event, alice, dan):
    alice_live, _c, _ = await open_socket(alice, live_path(event))
    await close_account(alice)
    assert await close_code(alice_live) == (4401, [])
    await alice_live.disconnect()
