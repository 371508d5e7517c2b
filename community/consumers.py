"""The member's own live channel: one socket per open page, for what concerns them.

Services send to the group named by ``member_group(user_id)`` once their
transaction commits (notification counts, presence, direct messages).
"""

import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from members.live import member_group

# Close codes in the 4000-4999 range are the application's own.
CLOSE_UNAUTHENTICATED = 4401


class MemberChannelConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.group_name = member_group(user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "member": user.pk})

    async def disconnect(self, code):
        if hasattr(self, "group_name"):
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

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
        await self.send_json(event["payload"])
