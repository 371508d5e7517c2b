"""What every socket of the site shares: the app's close codes, and the relaying consumer
that forwards a room's events without a database read per message and re-checks access
when told that it changed (common.live)."""

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from common.live import access_group

# Close codes in the 4000-4999 range are the application's own.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404


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
    was already on its way."""

    relayed = frozenset({"chat.event", "chat.presence"})
    revoked = False

    async def dispatch(self, message):
        if message["type"] in self.relayed:
            if not self.revoked:
                await getattr(self, get_handler_name(message))(message)
        else:
            await super().dispatch(message)

    async def websocket_receive(self, message):
        """Frames still in flight from a socket closed for lost access are not answered."""
        if not self.revoked:
            await super().websocket_receive(message)

    async def watch_access(self, user):
        """Hear of the member's access changes from now on, before access is read, so a
        change committed while the socket opens is not missed."""
        self.access_group_name = access_group(user.pk)
        await self.channel_layer.group_add(self.access_group_name, self.channel_name)

    async def join(self, group_name):
        """Accept the socket into a group; disconnect() leaves it."""
        self.group_name = group_name
        await self.channel_layer.group_add(group_name, self.channel_name)
        await self.accept()

    async def refuse(self, code):
        """Close with the app's code: at connect, or when access is lost."""
        self.revoked = True
        await self._leave_groups()
        await self.close(code=code)

    async def disconnect(self, code):
        await self._leave_groups()

    async def _leave_groups(self):
        for name in (getattr(self, "group_name", None), getattr(self, "access_group_name", None)):
            if name:
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


def whole_number(value):
    """A message id sent by a client: a non-negative int, else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
