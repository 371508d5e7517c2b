"""The space's live chat over WebSocket: /ws/spaces/<slug>/chat/.

Protocol (JSON objects):
  client -> {"type": "message", "body": "...", "client_id": "..."}
            {"type": "resume", "after": <id>}      messages missed while disconnected
            {"type": "history", "before": <id>}    older messages
            {"type": "ping"}                       keeps presence fresh
  server -> {"type": "message", "id", "space", "author", "body", "client_id", "at"}
            {"type": "messages", "messages": [...]} {"type": "presence", "names": [...]}
            {"type": "error", "code", "message"}   "rate_limited" past the chat's limit
Only the sender's connection hears about its own errors.
Closes: 4401 signed out (or staff without two-factor, or an account closed), 4403 no
longer allowed to read, 4404 the space is secret to the member or gone; at connect, or as
soon as access is lost while the socket is open.
"""

import asyncio
import json

from channels.db import database_sync_to_async
from django.conf import settings
from django.utils import translation

from common import relay
from common.consumers import (
    CLOSE_FORBIDDEN,
    CLOSE_NOT_FOUND,
    CLOSE_UNAUTHENTICATED,
    RelayingConsumer,
    whole_number,
)
from common.ratelimit import RateLimited, hit
from members.sockets import socket_user
from spaces import permissions
from spaces.models import Space
from spaces.services import chat


class SpaceChatConsumer(RelayingConsumer):
    language = settings.LANGUAGE_CODE

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        await self.watch_access(user)
        self.access = await self._access(user, self.scope["url_route"]["kwargs"]["slug"])
        code = _refusal(self.access)
        if code is not None:
            await self.refuse(code)
            return
        await self.join(chat.chat_group(self.access.space.pk))
        await database_sync_to_async(chat.arrive)(
            access=self.access, channel_name=self.channel_name
        )
        names = await database_sync_to_async(chat.present)(self.access.space)
        await self.send_json({"type": "presence", "names": names})
        await self._announce_presence()

    async def disconnect(self, code):
        await super().disconnect(code)
        if hasattr(self, "group_name"):
            await database_sync_to_async(chat.leave)(channel_name=self.channel_name)
            await self._announce_presence()

    def concerns(self, scope, pk):
        return super().concerns(scope, pk) or (scope == "space" and pk == self.access.space.pk)

    @database_sync_to_async
    def reread_access(self):
        """Muted members still read (post_as refuses their messages); members who left or
        were removed, outsiders of a space turned private or secret, closed accounts no."""
        user = socket_user(self.access.user.pk)
        if user is None:
            return CLOSE_UNAUTHENTICATED
        space = Space.objects.filter(pk=self.access.space.pk).first()
        access = permissions.access_to(user, space) if space else None
        code = _refusal(access)
        if code is None:
            self.access = access
            self.language = user.profile.language
        return code

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
            await database_sync_to_async(self._post)(
                body=str(content.get("body", "")), client_id=content.get("client_id", "")
            )
        except RateLimited:
            await self._error("rate_limited", chat.TOO_FAST)
        except chat.ChatRefused as refusal:
            await self._error(refusal.code, refusal.message)

    def _post(self, *, body, client_id):
        """Each message counts against the member's chat limit, refused or not."""
        hit("chat_message", f"user-{self.access.user.pk}")
        chat.post_as(user=self.access.user, space=self.access.space, body=body, client_id=client_id)

    async def _resume(self, content):
        after = whole_number(content.get("after"))
        if after is None:
            await self._error("invalid", "after must be a message id")
            return
        if not await self.still_allowed():
            return
        messages = await database_sync_to_async(chat.recent_messages)(
            self.access.space, after=after
        )
        await self.send_json(
            {"type": "messages", "messages": [chat.as_event(message) for message in messages]}
        )

    async def _history(self, content):
        before = whole_number(content.get("before"))
        if before is None:
            await self._error("invalid", "before must be a message id")
            return
        if not await self.still_allowed():
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
        await self.send(text_data=event["text"])

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
        """Encoded once here, not once per socket: in a room of 1,000 the list has 1,000
        names, sent to 1,000 sockets."""
        if delay:
            await asyncio.sleep(delay)
        names = await database_sync_to_async(chat.present)(space)
        text = json.dumps({"type": "presence", "names": names})
        group = chat.chat_group(space.pk)
        await self.channel_layer.group_send(
            group, relay.addressed(group, {"type": "chat.presence", "text": text})
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


def _refusal(access):
    """The close code for a socket of a space's chat, or None when the member may read."""
    if access is None or not access.can_see:
        return CLOSE_NOT_FOUND
    if not access.can_read:
        return CLOSE_FORBIDDEN
    return None
