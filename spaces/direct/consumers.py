"""A private conversation over WebSocket: /ws/messages/<id>/ (see ConversationConsumer)."""

import json

from channels.db import database_sync_to_async
from django.conf import settings
from django.db.models import Q
from django.utils import translation

from common.consumers import CLOSE_NOT_FOUND, CLOSE_UNAUTHENTICATED, RelayingConsumer, whole_number
from common.ratelimit import RateLimited, hit
from members.sockets import socket_user
from spaces.direct import services as direct
from spaces.models import Block, Conversation
from spaces.services import chat


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
        elif kind == "resume" and whole_number(content.get("after")) is not None:
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
