"""The member's own live channel: one socket per open page, for what concerns them.

Services send to the group named by ``member_group(user_id)`` once their
transaction commits (notification counts, presence, direct messages). The socket closes
with 4401 as soon as the account is closed (or staff lose two-factor): what comes here
is the member's own, and a closed account has no member to read it.
"""

import json

from channels.db import database_sync_to_async

from common.consumers import CLOSE_UNAUTHENTICATED, RelayingConsumer
from common.live import member_group
from members.sockets import socket_user


class MemberChannelConsumer(RelayingConsumer):
    relayed = frozenset()  # few events, each for one member: Channels' usual path is fine

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        await self.watch_access(user)
        await self.join(member_group(user.pk))
        await self.send_json({"type": "hello", "member": user.pk})

    @database_sync_to_async
    def reread_access(self):
        return CLOSE_UNAUTHENTICATED if socket_user(self.scope["user"].pk) is None else None

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        try:
            content = await self.decode_json(text_data or "")
        except (json.JSONDecodeError, TypeError):
            await self.send_json({"type": "error", "error": "invalid JSON"})
            return
        if not isinstance(content, dict):
            await self.send_json({"type": "error", "error": "expected a JSON object"})
            return
        await self.receive_json(content, **kwargs)

    async def receive_json(self, content, **kwargs):
        if content.get("type") == "ping":
            await self.send_json({"type": "pong"})
        else:
            await self.send_json({"type": "error", "error": "unknown message type"})

    async def member_event(self, event):
        """Relay an event a service sent to this member's group."""
        if not self.revoked:
            await self.send_json(event["payload"])
