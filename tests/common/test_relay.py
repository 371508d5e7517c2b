"""One fan-out per process and room (common.relay): the process joins a room's group once,
every socket of the room there gets each message written to it directly, in order, and
still no further than its access allows: a socket whose access was removed gets nothing
more, a conversation skips blocked authors, and a socket too slow to take more holds up
no one but itself.

The cast: alice owns the space, bob and carol are members."""

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from common import relay
from common.consumers import RelayingConsumer
from common.live import access_changed
from spaces import permissions, services
from spaces.direct import services as direct
from spaces.models import DirectMessage, Membership
from spaces.services import chat
from tests.factories import make_space
from tests.helpers import close_code, next_of_type, open_socket

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def space(alice, bob, carol):
    return make_space("Jardins", owner=alice, members=[bob, carol], visibility="private")


def chat_path(space):
    return f"/ws/spaces/{space.slug}/chat/"


def layer_channels(group):
    """The channels the layer holds in `group`: in memory, or channels-redis' pubsub layer
    (per event loop)."""
    layer = get_channel_layer()
    if hasattr(layer, "_get_layer"):
        loop_layer = layer._get_layer()
        return set(loop_layer.groups.get(loop_layer._get_group_channel_name(group), ()))
    return set(layer.groups.get(group, {}))


async def test_a_room_joins_its_group_once_and_every_socket_hears_each_message(
    space, alice, bob, carol
):
    sockets = [(await open_socket(user, chat_path(space)))[0] for user in (alice, bob, carol)]
    group = chat.chat_group(space.pk)
    assert len(relay.sockets_in(group)) == 3
    assert len(layer_channels(group)) == 1

    await sync_to_async(chat.post_as)(user=bob, space=space, body="Bonjour")
    for socket in sockets:
        assert (await next_of_type(socket, "message"))["body"] == "Bonjour"
    for socket in sockets:
        await socket.disconnect()


async def test_the_last_socket_out_closes_the_room(space, alice, bob):
    group = chat.chat_group(space.pk)
    alice_chat, _c, _ = await open_socket(alice, chat_path(space))
    bob_chat, _c, _ = await open_socket(bob, chat_path(space))
    await alice_chat.disconnect()
    assert len(relay.sockets_in(group)) == 1
    await bob_chat.disconnect()
    assert relay.sockets_in(group) == []
    assert layer_channels(group) == set()


async def test_a_removed_member_gets_nothing_sent_while_access_is_read_again(space, alice, bob):
    """The removal's notice and a message right behind it, on the room's group: the
    message waits for the re-read, so the removed member never gets it."""
    alice_chat, _c, _ = await open_socket(alice, chat_path(space))
    bob_chat, _c, _ = await open_socket(bob, chat_path(space))
    await sync_to_async(Membership.objects.filter(space=space, user=bob).delete)()
    group = chat.chat_group(space.pk)
    layer = get_channel_layer()
    changed = {"type": "access.changed", "scope": "space", "id": space.pk}
    await layer.group_send(group, relay.addressed(group, changed))
    await sync_to_async(chat.post_as)(user=alice, space=space, body="Entre nous")

    code, before = await close_code(bob_chat)
    assert (code, "message" in before) == (4403, False)
    assert (await next_of_type(alice_chat, "message"))["body"] == "Entre nous"
    assert len(relay.sockets_in(group)) == 1
    await alice_chat.disconnect()


async def test_a_change_of_access_sent_before_a_message_is_handled_before_it(space, alice, bob):
    """The member's access group and the room's are two groups; the process hears both on
    one channel, in the order they were sent, so the message waits for the re-read."""
    alice_chat, _c, _ = await open_socket(alice, chat_path(space))
    bob_chat, _c, _ = await open_socket(bob, chat_path(space))
    await sync_to_async(Membership.objects.filter(space=space, user=bob).delete)()
    await sync_to_async(lambda: access_changed_now(scope="space", pk=space.pk, users=[bob.pk]))()
    await sync_to_async(chat.post_as)(user=alice, space=space, body="Entre nous")

    code, before = await close_code(bob_chat)
    assert (code, "message" in before) == (4403, False)
    assert (await next_of_type(alice_chat, "message"))["body"] == "Entre nous"
    await alice_chat.disconnect()


def access_changed_now(**change):
    """common.live.access_changed in a transaction of its own: it tells the sockets as
    it commits."""
    with transaction.atomic():
        access_changed(**change)


async def test_a_member_who_leaves_is_out_of_the_room_and_the_others_hear_on(
    space, alice, bob, carol
):
    alice_chat, _c, _ = await open_socket(alice, chat_path(space))
    bob_chat, _c, _ = await open_socket(bob, chat_path(space))
    access = await sync_to_async(permissions.access_to)(bob, space)
    await sync_to_async(services.leave_space)(access=access)
    assert (await close_code(bob_chat))[0] == 4403
    assert len(relay.sockets_in(chat.chat_group(space.pk))) == 1

    await sync_to_async(chat.post_as)(user=carol, space=space, body="Toujours là")
    assert (await next_of_type(alice_chat, "message"))["body"] == "Toujours là"
    await alice_chat.disconnect()


async def test_a_conversation_room_skips_blocked_authors_for_the_blocked_alone(
    space, alice, bob, carol
):
    conversation = await sync_to_async(direct.start_conversation)(
        sender=carol, recipients=[alice, bob], body="Bonjour à vous"
    )
    path = f"/ws/messages/{conversation.pk}/"
    alice_socket, _c, _ = await open_socket(alice, path)
    carol_socket, _c, _ = await open_socket(carol, path)
    await sync_to_async(direct.block)(blocker=alice, blocked=bob)
    message = await sync_to_async(
        lambda: direct.send_message(sender=carol, conversation=conversation, body="Et Bob ?")
    )()
    group = direct.conversation_group(conversation.pk)
    assert len(relay.sockets_in(group)) == 2

    late = await sync_to_async(DirectMessage.objects.create)(
        conversation=conversation, author=bob, body="De Bob"
    )
    await sync_to_async(lambda: chat.send_to_group(group, direct.as_event(late)))()
    assert (await next_of_type(carol_socket, "message"))["body"] == message.body
    assert (await next_of_type(carol_socket, "message"))["body"] == "De Bob"
    assert (await next_of_type(alice_socket, "message"))["body"] == message.body
    assert await alice_socket.receive_nothing(timeout=0.3)
    await alice_socket.disconnect()
    await carol_socket.disconnect()


class Recording(RelayingConsumer):
    """A consumer without a socket: what it would have written, and a gate that holds its
    writes (a client that does not read)."""

    def __init__(self):
        super().__init__()
        self.written = []
        self.gate = None

    async def chat_event(self, event):
        if self.gate is not None:
            await self.gate.wait()
        self.written.append(event["text"])


def event(text):
    return {"type": "chat.event", "text": text, "author_id": None}


async def test_a_delivery_is_written_at_once_when_nothing_waits():
    consumer = Recording()
    consumer.deliver(event("un"))
    assert (consumer.written, consumer._finishing) == (["un"], None)


async def test_a_slow_socket_holds_up_only_itself_and_keeps_its_order():
    slow, quick = Recording(), Recording()
    slow.gate = asyncio.Event()
    for text in ("un", "deux"):
        slow.deliver(event(text))
        quick.deliver(event(text))
    assert (slow.written, quick.written) == ([], ["un", "deux"])

    slow.gate.set()
    await slow._finishing
    assert slow.written == ["un", "deux"]
    slow.deliver(event("trois"))
    assert slow.written == ["un", "deux", "trois"]


async def test_a_revoked_socket_writes_nothing_delivered_after():
    consumer = Recording()
    consumer.revoked = True
    consumer.deliver(event("un"))
    assert consumer.written == []


class Failing(Recording):
    """A consumer whose access cannot be read again (its database is down, say)."""

    def concerns(self, scope, pk):
        return True

    async def reread_access(self):
        raise ConnectionError("the database is down")


async def test_a_socket_whose_access_cannot_be_read_again_relays_nothing_more():
    consumer = Failing()
    consumer.deliver({"type": "access.changed", "scope": "account", "id": 1})
    consumer.deliver(event("un"))
    if consumer._finishing is not None:
        await consumer._finishing
    assert (consumer.revoked, consumer.written) == (True, [])
    consumer.deliver(event("deux"))
    assert consumer.written == []


class _FlakyLayer:
    """A channel layer whose receive fails once, then gives what is sent."""

    def __init__(self):
        self.queue = asyncio.Queue()
        self.failed = False

    async def new_channel(self):
        return "relay-test!"

    async def group_add(self, group, channel):
        pass

    async def group_discard(self, group, channel):
        pass

    async def receive(self, channel):
        if not self.failed:
            self.failed = True
            raise ConnectionError("Redis went away")
        return await self.queue.get()


class _Socket:
    def __init__(self):
        self.got = []

    def deliver(self, message):
        self.got.append(message)


async def test_the_relay_listens_again_after_its_layer_fails(monkeypatch):
    monkeypatch.setattr(relay, "RETRY_SECONDS", 0)
    layer, socket = _FlakyLayer(), _Socket()
    await relay.enter(layer, "room-x", socket)
    await layer.queue.put(relay.addressed("room-x", {"type": "chat.event", "text": "{}"}))
    for _ in range(50):
        if socket.got:
            break
        await asyncio.sleep(0.01)
    assert [message["group"] for message in socket.got] == ["room-x"]
    assert layer.failed
    await relay.leave("room-x", socket)
