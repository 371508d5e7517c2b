"""What every socket of the site shares: the app's close codes, and the relaying consumer
that forwards a room's events without a database read per message and re-checks access
when told that it changed (common.live)."""

import asyncio
import contextvars
import logging
from collections import deque

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from common import relay
from common.live import access_group

logger = logging.getLogger(__name__)

# Close codes in the 4000-4999 range are the application's own.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_INTERNAL_ERROR = 1011  # the protocol's own


class RelayingConsumer(AsyncJsonWebsocketConsumer):
    """Forwards group events to its socket without the database round trip Channels makes
    before every handler (to close stale connections): a room of 200 would pay it 200
    times per message. Handlers that do reach the database go through
    database_sync_to_async, which closes stale connections itself.

    Access is re-checked for every delivery, not only at connect, still without a database
    read per relayed message: every socket joins its member's access group
    (common.live.access_group) before it reads its access, and services send
    "access.changed" there (or to the room's own group) once a change that takes
    something away is committed. A socket whose `concerns` match re-reads its access once
    (`reread_access`): it closes with the app's code when it may no longer read, else
    keeps the fresh access. Once closed for lost access it relays nothing more, even what
    was already on its way.

    A consumer with `relayed` events hears its room and its access group through the
    process's fan-out (common.relay), which hands each message to `deliver`: the relayed
    ones are written to the socket there and then, without a task or queue per socket.
    Every message that is not the socket's own (the room's and the access group's) is
    handled in the order it came: while one waits (an access re-read, a socket too slow to
    take more), the next wait behind it, for that socket alone, so nothing is relayed
    while access is being re-read and a slow reader holds up no one else. Messages to
    those groups name their group (common.relay.addressed)."""

    relayed = frozenset({"chat.event", "chat.presence"})
    revoked = False
    _waiting = None  # the messages behind one that waits, while one does
    _finishing = None  # the task that finishes them

    async def dispatch(self, message):
        if message["type"].startswith("websocket."):
            await super().dispatch(message)
        elif self.relayed:
            self.deliver(message)
        else:
            await self._handle(message)

    def deliver(self, message):
        """Handle a message from the room or the access group in its turn, at once when
        nothing waits and the handler does not wait either."""
        if self._waiting is not None:
            self._waiting.append(message)
            return
        handling = self._handle(message)
        context = contextvars.copy_context()  # its own, as a task would have
        try:
            suspended = context.run(handling.send, None)
        except StopIteration:
            return
        except Exception:
            logger.debug("A delivery failed", exc_info=True)
            return
        self._waiting = deque()
        self._finishing = asyncio.get_running_loop().create_task(
            self._finish(_Resumed(handling, suspended)), context=context
        )

    async def _finish(self, handling):
        try:
            await _logged(handling)
            while self._waiting:
                await _logged(self._handle(self._waiting.popleft()))
        finally:
            self._waiting = None

    async def _handle(self, message):
        if message["type"] in self.relayed:
            if not self.revoked:
                await getattr(self, get_handler_name(message))(message)
            return
        try:
            await super().dispatch(message)
        except Exception:
            await self._fail_closed(message)

    async def _fail_closed(self, message):
        """An access change that could not be handled (the database down, say) closes the
        socket, as the consumer's own task would have by failing: it never relays on
        without its access checked."""
        logger.exception("Socket closed: %s failed", message["type"])
        self.revoked = True
        try:
            await self._leave_groups()
            await self.close(code=CLOSE_INTERNAL_ERROR)
        except Exception:
            logger.debug("The socket was already gone", exc_info=True)

    async def websocket_receive(self, message):
        """Frames still in flight from a socket closed for lost access are not answered."""
        if not self.revoked:
            await super().websocket_receive(message)

    async def watch_access(self, user):
        """Hear of the member's access changes from now on, before access is read, so a
        change committed while the socket opens is not missed."""
        self.access_group_name = access_group(user.pk)
        await self._enter(self.access_group_name)

    async def join(self, group_name):
        """Accept the socket into a group; disconnect() leaves it."""
        self.group_name = group_name
        await self._enter(group_name)
        await self.accept()

    async def refuse(self, code):
        """Close with the app's code: at connect, or when access is lost."""
        self.revoked = True
        await self._leave_groups()
        await self.close(code=code)

    async def disconnect(self, code):
        await self._leave_groups()
        if self._finishing is not None and self._finishing is not asyncio.current_task():
            self._finishing.cancel()

    async def _enter(self, group_name):
        """Through the process's relay (common.relay) when the consumer relays: the room
        and the access group then reach `deliver` on one channel per process, in the order
        the layer gave them, so an access change sent before a message is handled first."""
        if self.relayed:
            await relay.enter(self.channel_layer, group_name, self)
        else:
            await self.channel_layer.group_add(group_name, self.channel_name)

    async def _leave_groups(self):
        for name in (getattr(self, "group_name", None), getattr(self, "access_group_name", None)):
            if name and self.relayed:
                await relay.leave(name, self)
            elif name:
                await self.channel_layer.group_discard(name, self.channel_name)

    async def access_changed(self, event):
        if not self.revoked and self.concerns(event["scope"], event["id"]):
            await self.still_allowed()

    async def still_allowed(self):
        """Re-read access; close the socket and answer False when it is lost."""
        code = await self.reread_access()
        if code is not None:
            await self.refuse(code)
            return False
        return True

    def concerns(self, scope, pk):
        """Whether a change of access to `scope` `pk` may concern this socket. A change
        to the member's account concerns every socket."""
        return scope == "account"

    async def reread_access(self):
        """Read access afresh: None when the socket may still read, else its close code."""
        raise NotImplementedError


class _Resumed:
    """The rest of a coroutine started by hand (`deliver`) that stopped at `suspended`,
    to be awaited by a task: what Python 3.12's eager tasks do."""

    def __init__(self, coroutine, suspended):
        self.coroutine = coroutine
        self.suspended = suspended

    def __await__(self):
        suspended = self.suspended
        while True:
            try:
                value = yield suspended
            except BaseException as error:  # cancelled, most likely: the coroutine decides
                step = self.coroutine.throw
                value = error
            else:
                step = self.coroutine.send
            try:
                suspended = step(value)
            except StopIteration as stop:
                return stop.value


async def _logged(handling):
    """A failed delivery to one socket (closed meanwhile) stops neither the others nor
    what waits behind it."""
    try:
        await handling
    except Exception:
        logger.debug("A delivery failed", exc_info=True)


def whole_number(value):
    """A message id sent by a client: a non-negative int, else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
