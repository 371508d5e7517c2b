import pytest
from channels.testing import WebsocketCommunicator

from community.asgi import application
from community.consumers import CLOSE_UNAUTHENTICATED
from tests.helpers import session_cookie, socket_headers

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


async def test_signed_in_member_connects_to_their_own_channel(alice):
    cookie = await session_cookie(alice)
    communicator = WebsocketCommunicator(application, "/ws/me/", headers=socket_headers(cookie))
    connected, _ = await communicator.connect()
    assert connected
    assert await communicator.receive_json_from() == {"type": "hello", "member": alice.pk}
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()


async def test_events_sent_to_a_members_group_reach_their_socket(alice):
    from channels.layers import get_channel_layer

    from common.live import member_group

    cookie = await session_cookie(alice)
    communicator = WebsocketCommunicator(application, "/ws/me/", headers=socket_headers(cookie))
    await communicator.connect()
    await communicator.receive_json_from()
    await get_channel_layer().group_send(
        member_group(alice.pk), {"type": "member.event", "payload": {"type": "notice", "n": 1}}
    )
    assert await communicator.receive_json_from(timeout=2) == {"type": "notice", "n": 1}
    await communicator.disconnect()


async def test_anonymous_visitor_is_refused(db):
    communicator = WebsocketCommunicator(application, "/ws/me/", headers=socket_headers())
    connected, code = await communicator.connect()
    assert not connected
    assert code == CLOSE_UNAUTHENTICATED


async def test_a_socket_from_another_site_is_refused(alice):
    cookie = await session_cookie(alice)
    communicator = WebsocketCommunicator(
        application, "/ws/me/", headers=socket_headers(cookie, origin="https://evil.example.com")
    )
    connected, _ = await communicator.connect()
    assert not connected


async def test_a_frame_that_is_not_json_gets_an_error_and_the_socket_stays_open(
    alice,
):
    cookie = await session_cookie(alice)
    communicator = WebsocketCommunicator(application, "/ws/me/", headers=socket_headers(cookie))
    await communicator.connect()
    await communicator.receive_json_from()
    await communicator.send_to(text_data="this is not json")
    assert await communicator.receive_json_from() == {"type": "error", "error": "invalid JSON"}
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()
