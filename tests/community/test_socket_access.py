"""Who may hold a socket, on every socket path: staff without an authenticator app count as
signed out (as on pages), staff with one are let in; a closed account is signed out when it
connects, and its own channel closes when staff close it in the admin."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone

from events import services as event_services
from spaces.direct import services as direct
from tests.factories import make_space
from tests.helpers import close_code, form_data, open_socket

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

PATHS = ["me", "space chat", "conversation", "event live"]


@pytest.fixture
def paths(alice, staff, make_event):
    """One address of each socket, each of which staff (and alice) may open."""
    space = make_space("Jardins", owner=alice)
    conversation = direct.start_conversation(sender=staff, recipients=[alice], body="Bonjour")
    event = make_event(slug="forum", starts_at=timezone.now() - timedelta(minutes=30))
    event_services.register(event=event, user=alice, by=alice)
    return {
        "me": "/ws/me/",
        "space chat": f"/ws/spaces/{space.slug}/chat/",
        "conversation": f"/ws/messages/{conversation.pk}/",
        "event live": f"/ws/events/{event.slug}/live/",
    }


@pytest.mark.parametrize("where", PATHS)
async def test_staff_without_two_factor_are_refused_on_every_socket(where, paths, staff):
    _socket, connected, code = await open_socket(staff, paths[where])
    assert (connected, code) == (False, 4401)


@pytest.mark.parametrize("where", PATHS)
async def test_staff_with_two_factor_are_let_in_on_every_socket(where, paths, staff_with_totp):
    socket, connected, _code = await open_socket(staff_with_totp, paths[where])
    assert connected
    await socket.disconnect()


async def test_staff_without_two_factor_are_let_in_where_the_site_does_not_require_it(
    paths, staff, settings
):
    settings.MAILLAGE_STAFF_REQUIRE_TWO_FACTOR = False
    socket, connected, _code = await open_socket(staff, paths["me"])
    assert connected
    await socket.disconnect()


@pytest.mark.parametrize("where", PATHS)
async def test_a_closed_account_is_signed_out_on_every_socket(where, paths, alice):
    alice.is_active = False
    await sync_to_async(alice.save)()
    _socket, connected, code = await open_socket(alice, paths[where])
    assert (connected, code) == (False, 4401)


async def test_a_member_closed_in_the_admin_loses_their_own_channel_at_once(
    alice, bob, staff_client
):
    alice_channel, _c, _ = await open_socket(alice, "/ws/me/")
    bob_channel, _c, _ = await open_socket(bob, "/ws/me/")
    for channel in (alice_channel, bob_channel):
        assert (await channel.receive_json_from())["type"] == "hello"

    def close_alices_account():
        address = f"/en/admin/members/user/{alice.pk}/change/"
        data = form_data(staff_client.get(address))
        del data["is_active"]
        response = staff_client.post(address, data)
        assert response.status_code == 302

    await sync_to_async(close_alices_account)()
    await sync_to_async(alice.refresh_from_db)()
    assert alice.is_active is False
    assert await close_code(alice_channel) == (4401, [])
    await bob_channel.send_json_to({"type": "ping"})
    assert await bob_channel.receive_json_from() == {"type": "pong"}
    await alice_channel.disconnect()
    await bob_channel.disconnect()
