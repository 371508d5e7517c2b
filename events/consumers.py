"""An event's live page over WebSocket: /ws/events/<slug>/live/. Confirmed attendees and staff.

The socket only pushes; actions are HTTP posts (events/views/live.py), so the page works
without JavaScript and every write goes through events.services.live.

Protocol (JSON objects):
  client -> {"type": "ping"}
  server -> {"type": "refresh", "part": "questions" | "polls"}   fetch that part over HTTP
            {"type": "results", "poll", "total", "choices": [{"id", "votes", "percent"}]}
            {"type": "pong"}  {"type": "error", "code", "message"}
"""

import json

from channels.db import database_sync_to_async
from django.core.exceptions import PermissionDenied
from django.http import Http404

from common.consumers import (
    CLOSE_FORBIDDEN,
    CLOSE_NOT_FOUND,
    CLOSE_UNAUTHENTICATED,
    RelayingConsumer,
)
from events import permissions
from events.models import Event
from events.services.live import live_group
from members.sockets import socket_user


class LiveConsumer(RelayingConsumer):
    """Access is re-read when the member's registration is cancelled ("event"), when
    staff change the event (its audience, tiers or publication: every socket of the page
    re-reads once), when the member leaves or is removed from the space a space event is
    for ("space"), and when their account changes."""

    relayed = frozenset({"live.event"})

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        await self.watch_access(user)
        code, event = await self._admit(user, self.scope["url_route"]["kwargs"]["slug"])
        if code is not None:
            await self.refuse(code)
            return
        self.event = event
        await self.join(live_group(event.pk))

    def concerns(self, scope, pk):
        return (
            super().concerns(scope, pk)
            or (scope == "event" and pk == self.event.pk)
            or (scope == "space" and pk == self.event.space_id)
        )

    @database_sync_to_async
    def reread_access(self):
        user = socket_user(self.scope["user"].pk)
        if user is None:
            return CLOSE_UNAUTHENTICATED
        code, event = _admission(user, Event.objects.filter(pk=self.event.pk).first())
        if code is None:
            self.event = event
        return code

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        try:
            content = json.loads(text_data or "")
        except (TypeError, ValueError):
            content = None
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})
            return
        await self.send_json(
            {"type": "error", "code": "unknown_type", "message": "this socket only listens"}
        )

    async def live_event(self, event):
        await self.send(text_data=event["text"])

    @database_sync_to_async
    def _admit(self, user, slug):
        return _admission(user, Event.objects.filter(slug=slug).first())


def _admission(user, event):
    """(close code, None) for a refusal, (None, event) for an attendee or staff."""
    if event is None:
        return CLOSE_NOT_FOUND, None
    try:
        permissions.check_live_permission(user, event)
    except Http404:
        return CLOSE_NOT_FOUND, None
    except PermissionDenied:
        return CLOSE_FORBIDDEN, None
    return None, event
