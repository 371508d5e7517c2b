"""The space's live chat over WebSocket: /ws/spaces/<slug>/chat/.

Protocol (JSON objects):
  client -> {"type": "message", "body": "...", "client_id": "..."}
            {"type": "resume", "after": <id>}      messages missed while disconnected
            {"type": "history", "before": <id>}    older messages
            {"type": "ping"}                       keeps presence fresh
  server -> {"type": "message", "id", "space", "author", "body", "client_id", "at"}
            {"type": "messages", "messages": [...]} {"type": "presence", "names": [...]}
            {"type": "error", "code", "message"}
Only the sender's connection hears about its own errors.
"""

import asyncio
import json

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils import translation

from spaces import chat, direct, permissions
from spaces.models import Conversation, Space

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404


class RelayingConsumer(AsyncJsonWebsocketConsumer):
    """Forwards group events to its socket without the database round trip Channels makes
    before every handler (to close stale connections): a room of 200 would pay it 200
    times per message. Handlers that do reach the database go through
    database_sync_to_async, which closes stale connections itself."""

    relayed = frozenset({"chat.event", "chat.presence"})

    async def dispatch(self, message):
        if message["type"] in self.relayed:
            await getattr(self, get_handler_name(message))(message)
        else:
            await super().dispatch(message)

    async def join(self, group_name):
        """Accept the socket into a group; disconnect() leaves it."""
        self.group_name = group_name
        await self.channel_layer.group_add(group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group_name"):
            await self.channel_layer.group_discard(self.group_name, self.channel_name)


class SpaceChatConsumer(RelayingConsumer):
    language = settings.LANGUAGE_CODE

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.access = await self._access(user, self.scope["url_route"]["kwargs"]["slug"])
        if self.access is None or not self.access.can_see:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        if not self.access.can_read:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.join(chat.chat_group(self.access.space.pk))
        await database_sync_to_async(chat.arrive)(
            access=self.access, channel_name=self.channel_name
        )
        names = await database_sync_to_async(chat.present)(self.access.space)
        await self.send_json({"type": "presence", "names": names})
        await self._announce_presence()

    async def disconnect(self, code):
        if hasattr(self, "group_name"):
            await super().disconnect(code)
            await database_sync_to_async(chat.leave)(channel_name=self.channel_name)
            await self._announce_presence()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        try:
            content = json.loads(text_data or "")
        except (TypeError, ValueError):
            await self._error("invalid_json", "invalid JSON")
            return
        if not isinstance(content, dict):
            await self._error("invalid_json", "expected a JSON object")
            return
        if "space" in content and content["space"] != self.access.space.pk:
            await self._error("wrong_space", "this connection is for another space")
            return
        handler = {
            "message": self._message,
            "resume": self._resume,
            "history": self._history,
            "ping": self._ping,
        }.get(content.get("type"))
        if handler is None:
            await self._error("unknown_type", "unknown message type")
            return
        await handler(content)

    async def _message(self, content):
        try:
            await database_sync_to_async(chat.post_as)(
                user=self.access.user,
                space=self.access.space,
                body=str(content.get("body", "")),
                client_id=content.get("client_id", ""),
            )
        except chat.ChatRefused as refusal:
            await self._error(refusal.code, refusal.message)

    async def _resume(self, content):
        after = _whole_number(content.get("after"))
        if after is None:
            await self._error("invalid", "after must be a message id")
            return
        messages = await database_sync_to_async(chat.recent_messages)(
            self.access.space, after=after
        )
        await self.send_json(
            {"type": "messages", "messages": [chat.as_event(message) for message in messages]}
        )

    async def _history(self, content):
        before = _whole_number(content.get("before"))
        if before is None:
            await self._error("invalid", "before must be a message id")
            return
        messages = await database_sync_to_async(chat.recent_messages)(
            self.access.space, before=before
        )
        await self.send_json(
            {
                "type": "messages",
                "older": True,
                "messages": [chat.as_event(message) for message in messages],
            }
        )

    async def _ping(self, content):
        await database_sync_to_async(chat.still_here)(channel_name=self.channel_name)
        names = await database_sync_to_async(chat.present)(self.access.space)
        await self.send_json({"type": "pong"})
        await self.send_json({"type": "presence", "names": names})

    async def chat_event(self, event):
        await self.send(text_data=event["text"])

    async def chat_presence(self, event):
        await self.send_json({"type": "presence", "names": event["names"]})

    async def _announce_presence(self):
        """Tell the room who is here, at most once a second per space: a crowd arriving
        at once would otherwise cost one broadcast per arrival to every member."""
        space = self.access.space
        if await database_sync_to_async(chat.may_announce_presence)(space):
            await self._broadcast_presence(space)
        elif await database_sync_to_async(chat.may_schedule_presence)(space):
            asyncio.create_task(
                self._broadcast_presence(space, delay=chat.PRESENCE_BROADCAST_INTERVAL)
            )

    async def _broadcast_presence(self, space, delay=0):
        if delay:
            await asyncio.sleep(delay)
        names = await database_sync_to_async(chat.present)(space)
        await self.channel_layer.group_send(
            chat.chat_group(space.pk), {"type": "chat.presence", "names": names}
        )

    async def _error(self, code, message):
        """Errors go to the sender alone, in the language of their profile."""
        with translation.override(self.language):
            text = str(message)
        await self.send_json({"type": "error", "code": code, "message": text})

    @database_sync_to_async
    def _access(self, user, slug):
        self.language = user.profile.language
        space = Space.objects.filter(slug=slug).first()
        return permissions.access_to(user, space) if space else None


def _whole_number(value):
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


class ConversationConsumer(RelayingConsumer):
    """A private conversation over WebSocket: /ws/messages/<id>/. Participants only.
    Same protocol as a space's chat, without presence."""

    language = settings.LANGUAGE_CODE

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user = user
        self.conversation = await self._conversation(self.scope["url_route"]["kwargs"]["pk"])
        if self.conversation is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        await self.join(direct.conversation_group(self.conversation.pk))

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        try:
            content = json.loads(text_data or "")
        except (TypeError, ValueError):
            content = None
        if not isinstance(content, dict):
            await self._error("invalid_json", "invalid JSON")
            return
        kind = content.get("type")
        if kind == "message":
            try:
                await database_sync_to_async(direct.send_message)(
                    sender=self.user,
                    conversation=self.conversation,
                    body=str(content.get("body", "")),
                    client_id=content.get("client_id", ""),
                )
            except chat.ChatRefused as refusal:
                await self._error(refusal.code, refusal.message)
        elif kind == "resume" and _whole_number(content.get("after")) is not None:
            messages = await database_sync_to_async(direct.recent_messages)(
                self.conversation, after=content["after"]
            )
            await self.send_json(
                {"type": "messages", "messages": [direct.as_event(m) for m in messages]}
            )
        elif kind == "read":
            await database_sync_to_async(direct.mark_read)(
                user=self.user, conversation=self.conversation
            )
        elif kind == "ping":
            await self.send_json({"type": "pong"})
        else:
            await self._error("unknown_type", "unknown message type")

    async def chat_event(self, event):
        await self.send(text_data=event["text"])

    async def _error(self, code, message):
        with translation.override(self.language):
            text = str(message)
        await self.send_json({"type": "error", "code": code, "message": text})

    @database_sync_to_async
    def _conversation(self, pk):
        self.language = self.user.profile.language
        return Conversation.objects.filter(pk=pk, participants__user=self.user).first()
