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

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.db.models import Q
from django.utils import translation

from common.ratelimit import RateLimited, hit
from members.live import access_group
from members.sockets import socket_user
from spaces import chat, direct, permissions
from spaces.models import Block, Conversation, Space

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
    (members.live.access_group) before it reads its access, and services send
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
        after = _whole_number(content.get("after"))
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
        before = _whole_number(content.get("before"))
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


def _refusal(access):
    """The close code for a socket of a space's chat, or None when the member may read."""
    if access is None or not access.can_see:
        return CLOSE_NOT_FOUND
    if not access.can_read:
        return CLOSE_FORBIDDEN
    return None


def _whole_number(value):
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


class ConversationConsumer(RelayingConsumer):
    """A private conversation over WebSocket: /ws/messages/<id>/. Participants only.
    Same protocol as a space's chat, without presence.

    Blocks: once a participant and the member are blocked either way, the other's
    messages no longer reach the member here, nor the member's the other. The socket
    keeps the ids of the participants it is blocked with (`hidden_authors`), read at
    connect and again when told of a block or unblock ("block" with the other member's
    id), and every relayed message carries its author's id, so it is skipped without a
    read. send_message already refuses to write where sender and a participant are
    blocked; this guard holds for a message committed just before the block and relayed
    after it, and for any later rule that lets the rest of a group write on. The socket
    stays open: the member may still read the conversation (its page keeps the history)
    and an unblock resumes delivery without a reconnect. `resume` skips the same
    authors, so a reconnect does not bring back what the live stream held back."""

    language = settings.LANGUAGE_CODE
    hidden_authors = frozenset()

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user = user
        self.conversation_id = self.scope["url_route"]["kwargs"]["pk"]
        await self.watch_access(user)
        code = await self.reread_access()
        if code is not None:
            await self.refuse(code)
            return
        await self.join(direct.conversation_group(self.conversation_id))

    def concerns(self, scope, pk):
        return (
            super().concerns(scope, pk)
            or (scope == "conversation" and pk == self.conversation_id)
            or (scope == "block" and pk in self.others)
        )

    @database_sync_to_async
    def reread_access(self):
        user = socket_user(self.user.pk)
        if user is None:
            return CLOSE_UNAUTHENTICATED
        conversation = Conversation.objects.filter(
            pk=self.conversation_id, participants__user=user
        ).first()
        if conversation is None:
            return CLOSE_NOT_FOUND
        others = set(conversation.participants.exclude(user=user).values_list("user_id", flat=True))
        blocks = Block.objects.filter(
            Q(blocker=user, blocked_id__in=others) | Q(blocker_id__in=others, blocked=user)
        ).values_list("blocker_id", "blocked_id")
        self.user = user
        self.language = user.profile.language
        self.conversation = conversation
        self.others = frozenset(others)
        self.hidden_authors = frozenset(pk for pair in blocks for pk in pair) - {user.pk}
        return None

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
                await database_sync_to_async(self._send_message)(
                    body=str(content.get("body", "")), client_id=content.get("client_id", "")
                )
            except RateLimited:
                await self._error("rate_limited", chat.TOO_FAST)
            except chat.ChatRefused as refusal:
                await self._error(refusal.code, refusal.message)
        elif kind == "resume" and _whole_number(content.get("after")) is not None:
            if not await self.still_allowed():
                return
            messages = await database_sync_to_async(direct.recent_messages)(
                self.conversation, after=content["after"]
            )
            shown = [m for m in messages if m.author_id not in self.hidden_authors]
            await self.send_json(
                {"type": "messages", "messages": [direct.as_event(m) for m in shown]}
            )
        elif kind == "read":
            await database_sync_to_async(direct.mark_read)(
                user=self.user, conversation=self.conversation
            )
        elif kind == "ping":
            await self.send_json({"type": "pong"})
        else:
            await self._error("unknown_type", "unknown message type")

    def _send_message(self, *, body, client_id):
        """Each message counts against the member's limit, refused or not."""
        hit("direct_message", f"user-{self.user.pk}")
        direct.send_message(
            sender=self.user, conversation=self.conversation, body=body, client_id=client_id
        )

    async def chat_event(self, event):
        if event.get("author_id") not in self.hidden_authors:
            await self.send(text_data=event["text"])

    async def _error(self, code, message):
        with translation.override(self.language):
            text = str(message)
        await self.send_json({"type": "error", "code": code, "message": text})
