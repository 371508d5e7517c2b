"""One fan-out per process and group: the process joins a group once, on one channel of
its own, and hands each message of the group to its sockets in that group directly
(`RelayingConsumer.deliver`), instead of one channel per socket with Channels' queue, task
and wake-up per socket and message. In a room of 1,000 that hop was a quarter of the
server's time per delivery (bench/space_chat.py).

Works with every channel layer: in-memory, channels-redis' pubsub and core layers (the
core one then stores one copy per process rather than one per socket).
"""

import asyncio
import logging
import weakref

logger = logging.getLogger(__name__)

# The rooms of each event loop (a layer's connections belong to one loop): group -> Room.
_rooms = weakref.WeakKeyDictionary()


class Room:
    """The process's share of a group: its sockets, in the order they joined."""

    def __init__(self, layer, group):
        self.layer = layer
        self.group = group
        self.sockets = {}  # consumer -> None: an ordered set
        self.channel = None
        self.listening = None
        self.opened = asyncio.ensure_future(self._open())

    async def _open(self):
        self.channel = await self.layer.new_channel()
        await self.layer.group_add(self.group, self.channel)
        self.listening = asyncio.ensure_future(self._listen())

    async def _listen(self):
        while True:
            message = await self.layer.receive(self.channel)
            for consumer in list(self.sockets):
                consumer.deliver(message)

    async def close(self):
        try:
            await self.opened
        finally:
            if self.listening is not None:
                self.listening.cancel()
            if self.channel is not None:
                await self.layer.group_discard(self.group, self.channel)


def _loop_rooms():
    return _rooms.setdefault(asyncio.get_running_loop(), {})


async def enter(layer, group, consumer):
    """Add `consumer` to the process's room for `group`; from when this returns, every
    message sent to the group reaches its `deliver`."""
    rooms = _loop_rooms()
    room = rooms.get(group)
    if room is None:
        room = rooms[group] = Room(layer, group)
    room.sockets[consumer] = None
    await asyncio.shield(room.opened)


async def leave(group, consumer):
    """Nothing more of `group` reaches `consumer`; the last socket out closes the room."""
    rooms = _loop_rooms()
    room = rooms.get(group)
    if room is None or consumer not in room.sockets:
        return
    del room.sockets[consumer]
    if not room.sockets:
        del rooms[group]
        await room.close()


def sockets_in(group):
    """The consumers this process relays `group` to (for tests)."""
    room = _loop_rooms().get(group)
    return list(room.sockets) if room else []
