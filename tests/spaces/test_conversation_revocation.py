"""Private conversations over the socket: a block stops messages between the two at once
(others in the conversation still hear everyone), an unblock lets them through again, a
closed account loses its sockets, `resume` re-checks, and writes count against the limit.

The cast: alice, bob and carol share a space and a conversation."""

import pytest
from asgiref.sync import sync_to_async

from spaces.direct import services as direct
from spaces.models import DirectMessage, Participant
from spaces.services import chat
from tests.factories import make_space
from tests.helpers import close_account, close_code, next_of_type, open_socket

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def conversation(alice, bob, carol):
    make_space("Jardins", owner=alice, members=[bob, carol])
    return direct.start_conversation(sender=carol, recipients=[alice, bob], body="Bonjour à vous")


def path(conversation):
    return f"/ws/messages/{conversation.pk}/"


async def relay_late(conversation, author, body):
    """A message committed before a block and relayed after it."""
    message = await sync_to_async(DirectMessage.objects.create)(
        conversation=conversation, author=author, body=body
    )
    await sync_to_async(
        lambda: chat.send_to_group(
            direct.conversation_group(conversation.pk), direct.as_event(message)
        )
    )()
    return message


async def bodies_until(communicator, last):
    """The bodies of the messages received, up to and including `last`."""
    bodies = []
    while not bodies or bodies[-1] != last:
        bodies.append((await next_of_type(communicator, "message"))["body"])
    return bodies


async def test_a_block_stops_messages_both_ways_but_the_others_hear_everyone(
    conversation, alice, bob, carol
):
    alice_socket, _c, _ = await open_socket(alice, path(conversation))
    bob_socket, _c, _ = await open_socket(bob, path(conversation))
    carol_socket, _c, _ = await open_socket(carol, path(conversation))
    await sync_to_async(direct.block)(blocker=alice, blocked=bob)

    await relay_late(conversation, bob, "De Bob")
    await relay_late(conversation, alice, "D'Alice")
    await carol_socket.send_json_to({"type": "message", "body": "De Carol", "client_id": "c1"})

    assert await bodies_until(alice_socket, "De Carol") == ["D'Alice", "De Carol"]
    assert await bodies_until(bob_socket, "De Carol") == ["De Bob", "De Carol"]
    assert await bodies_until(carol_socket, "De Carol") == ["De Bob", "D'Alice", "De Carol"]
    for socket in (alice_socket, bob_socket, carol_socket):
        await socket.disconnect()


async def test_an_unblock_lets_messages_through_again_without_reconnecting(
    conversation, alice, bob
):
    await sync_to_async(direct.block)(blocker=alice, blocked=bob)
    alice_socket, connected, _ = await open_socket(alice, path(conversation))
    assert connected
    await relay_late(conversation, bob, "Tenu à l'écart")
    await sync_to_async(direct.unblock)(blocker=alice, blocked=bob)
    await sync_to_async(direct.send_message)(sender=bob, conversation=conversation, body="Pardon")
    assert await bodies_until(alice_socket, "Pardon") == ["Pardon"]
    await alice_socket.disconnect()


async def test_resume_skips_a_blocked_members_messages(conversation, alice, bob, carol):
    await sync_to_async(direct.send_message)(sender=bob, conversation=conversation, body="Un")
    await sync_to_async(direct.send_message)(sender=carol, conversation=conversation, body="Deux")
    await sync_to_async(direct.block)(blocker=bob, blocked=alice)
    alice_socket, _c, _ = await open_socket(alice, path(conversation))
    await alice_socket.send_json_to({"type": "resume", "after": 0})
    missed = await next_of_type(alice_socket, "messages")
    assert [m["body"] for m in missed["messages"]] == ["Bonjour à vous", "Deux"]
    await alice_socket.disconnect()


async def test_resume_re_checks_that_the_member_takes_part(conversation, alice):
    alice_socket, _c, _ = await open_socket(alice, path(conversation))
    await sync_to_async(Participant.objects.filter(conversation=conversation, user=alice).delete)()
    await alice_socket.send_json_to({"type": "resume", "after": 0})
    code, before = await close_code(alice_socket)
    assert (code, "messages" in before) == (4404, False)
    await alice_socket.disconnect()


async def test_a_closed_account_loses_its_conversations_and_its_own_channel(
    conversation, alice, bob
):
    bob_socket, _c, _ = await open_socket(bob, path(conversation))
    bob_channel, _c, _ = await open_socket(bob, "/ws/me/")
    assert (await bob_channel.receive_json_from())["type"] == "hello"
    await close_account(bob)
    assert (await close_code(bob_socket))[0] == 4401
    assert (await close_code(bob_channel))[0] == 4401
    await relay_late(conversation, alice, "Bob ?")
    assert await bob_socket.receive_nothing(timeout=0.3)
    await bob_socket.disconnect()
    await bob_channel.disconnect()


async def test_a_private_message_from_the_socket_counts_against_the_members_limit(
    conversation, alice, settings
):
    settings.MAILLAGE_RATE_LIMITS = {**settings.MAILLAGE_RATE_LIMITS, "direct_message": "2/d"}
    alice_socket, _c, _ = await open_socket(alice, path(conversation))
    for number in range(3):
        await alice_socket.send_json_to({"type": "message", "body": f"m{number}"})
    error = await next_of_type(alice_socket, "error")
    assert error == {
        "type": "error",
        "code": "rate_limited",
        "message": "Vous envoyez des messages trop vite. Attendez quelques secondes et réessayez.",
    }
    stored = await sync_to_async(
        lambda: list(DirectMessage.objects.filter(author=alice).values_list("body", flat=True))
    )()
    assert stored == ["m0", "m1"]
    await alice_socket.disconnect()
