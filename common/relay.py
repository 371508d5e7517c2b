"""One fan-out per process: the process listens on one channel of its own, joins each group
its relaying sockets are in once (a room's group, a member's access group), and hands each
message to the sockets of the message's group directly (`RelayingConsumer.deliver`),
instead of one channel per socket with Channels' queue, task and wake-up per socket and
message. In a room of 1,000 that hop was a quarter of the server's time per delivery and
kept both cores saturated (bench/space_chat.py).

One channel for every group keeps the order the layer gave the messages across groups: a
member's access change sent before a room's message is handed to the member's sockets
before it (they re-read their access, and the message waits behind the re-read). A
message to a relayed group therefore names its group (`addressed`); the channel layer's
group_send does not say which group a message came through.

Works with every channel layer: in-memory, channels-redis' pubsub and core layers (the
core one then stores one copy per process rather than one per socket).
"""

import asyncio
import logging
import weakref

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1

# The relay of each event loop (a layer's connections belong to one loop).
_relays = weakref.WeakKeyDictionary()


def addressed(group, message):
    """`message` as sent to `group`, naming it for the relays of the processes."""
    return {**message, "group": group}


class Relay:
    """The process's channel and its rooms: group -> its sockets here, in joining order."""

    def __init__(self, layer):
        self.layer = layer
        self.rooms = {}
        self.joined = {}  # group -> the group_add of the process's channel
        self.channel = None
        self.listening = None
        self.opened = asyncio.ensure_future(self._open())

    async def _open(self):
        self.channel = await self.layer.new_channel()
        self.listening = asyncio.ensure_future(self._listen())

    async def _listen(self):
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                # A layer that fails once (Redis restarting, say) must not leave the process
                # relaying nothing until it restarts: listen again.
                logger.exception("The relay's channel failed; listening again")
                await asyncio.sleep(RETRY_SECONDS)
                continue
            sockets = self.rooms.get(message.get("group"))
            if sockets is None:
                logger.debug("No socket here for %s", message.get("group"))
                continue
            for consumer in list(sockets):
                consumer.deliver(message)

    async def enter(self, group, consumer):
        await asyncio.shield(self.opened)
        sockets = self.rooms.get(group)
        if sockets is None:
            sockets = self.rooms[group] = {}
            self.joined[group] = asyncio.ensure_future(self.layer.group_add(group, self.channel))
        sockets[consumer] = None
        await asyncio.shield(self.joined[group])

    async def leave(self, group, consumer):
        sockets = self.rooms.get(group)
        if sockets is None or consumer not in sockets:
            return
        del sockets[consumer]
        if sockets:
            return
        del self.rooms[group]
        joined = self.joined.pop(group)
        try:
            await joined
        finally:
            await self.layer.group_discard(group, self.channel)
        if not self.rooms and _relays.get(asyncio.get_running_loop()) is self:
            del _relays[asyncio.get_running_loop()]
            self.listening.cancel()


async def enter(layer, group, consumer):
    """Add `consumer` to the process's room for `group`; from when this returns, every
    message sent to the group (`addressed` to it) reaches its `deliver`."""
    loop = asyncio.get_running_loop()
    relay = _relays.get(loop)
    if relay is None:
        relay = _relays[loop] = Relay(layer)
    await relay.enter(group, consumer)


async def leave(group, consumer):
    """Nothing more of `group` reaches `consumer`; the last socket out leaves the group."""
    relay = _relays.get(asyncio.get_running_loop())
    if relay is not None:
        await relay.leave(group, consumer)


def sockets_in(group):
    """The consumers this process relays `group` to (for tests)."""
    relay = _relays.get(asyncio.get_running_loop())
    return list(relay.rooms.get(group, ())) if relay else []
