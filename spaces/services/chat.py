"""Live chat: post a message, read history, know who is here. Consumers and views call these;
the broadcast leaves from here once the message is committed."""

import json
from datetime import timedelta
from typing import NamedTuple

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import analytics
from common import relay
from common.prepared import ID, MOMENT, SHAPE, Prepared
from members.models import Profile
from members.permissions import ANY_MEMBER, shown_person, visible_user_ids
from members.queries import person_columns, person_from_columns
from spaces import permissions
from spaces.models import ChatMessage, ChatPresence

MAX_LENGTH = 2000
HISTORY_SIZE = 50
PRESENCE_TIMEOUT = timedelta(seconds=90)
PRESENCE_BROADCAST_INTERVAL = 1  # second
# What a socket answers a member over their chat or private-message limit (settings'
# MAILLAGE_RATE_LIMITS, counted by the consumers with common.ratelimit.hit).
TOO_FAST = _("You are sending messages too fast. Wait a few seconds and try again.")


class ChatRefused(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def chat_group(space_id):
    return f"space-chat-{space_id}"


def as_event(message):
    return message_event(message, space=message.space_id)


def message_event(message, **where):
    """A chat or direct message as the sockets send it; `where` says where it was written."""
    shown = shown_person(
        ANY_MEMBER, message.author.profile if message.author_id else None, as_author=True
    )
    return {
        "type": "message",
        "id": message.pk,
        **where,
        "author": shown.name if shown.known else "",
        "author_url": shown.url,
        "author_id": message.author_id,
        "body": message.body,
        "client_id": message.client_id,
        "at": message.created_at.isoformat(),
    }


def post_as(*, user, space, body, client_id=""):
    """Post from an open socket: roles change while it is open (muted, removed), so the
    member's access is read afresh with each message, by the same rule as a reply."""
    access = permissions.access_to(user, space)
    try:
        permissions.check_post_permission(access)
    except (PermissionDenied, Http404) as refusal:
        code = "muted" if access.is_muted else "forbidden"
        raise ChatRefused(code, str(refusal) or _("Join this space to take part.")) from None
    return post_message(access=access, body=body, client_id=client_id)


def post_message(*, access, body, client_id=""):
    """Store and broadcast a message. Idempotent on (author, client_id): a resent message
    is returned, not stored twice. Raises ChatRefused with a message the member reads."""
    body = (body or "").strip()
    client_id = str(client_id or "")[:40]
    if not body:
        raise ChatRefused("empty", _("Write a message first."))
    if len(body) > MAX_LENGTH:
        raise ChatRefused(
            "too_long",
            _("A chat message is at most %(max)s characters.") % {"max": MAX_LENGTH},
        )
    if client_id:
        existing = ChatMessage.objects.filter(author=access.user, client_id=client_id).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            message = ChatMessage.objects.create(
                space=access.space, author=access.user, body=body, client_id=client_id
            )
            analytics.record(access.user, "chat.message_sent", message, context=access.space)
            transaction.on_commit(lambda: broadcast(message))
    except IntegrityError:
        return ChatMessage.objects.get(author=access.user, client_id=client_id)
    return message


def broadcast(message):
    send_to_group(chat_group(message.space_id), as_event(message))


def broadcast_hidden(message):
    """Open chats drop a message a moderator hid."""
    send_to_group(chat_group(message.space_id), {"type": "hidden", "id": message.pk})


def send_to_group(group, event):
    """Send an event to every socket of a group, encoded once here rather than once per
    socket: a room of 200 would otherwise encode the same JSON 200 times. The author's id
    rides beside the text, so a socket skips a blocked author without decoding it."""
    async_to_sync(get_channel_layer().group_send)(
        group,
        relay.addressed(
            group,
            {"type": "chat.event", "text": json.dumps(event), "author_id": event.get("author_id")},
        ),
    )


def recent_messages(space, *, before=None, after=None, limit=HISTORY_SIZE):
    """Messages in id order: the last `limit` ones, those before an id, or all after one."""
    if after is not None:
        return list(_shown_messages(space).filter(pk__gt=after).order_by("pk")[:500])
    # A room's page, by queries compiled once (common.prepared).
    if before is not None:
        latest = _BEFORE(space=space.pk, before=before, limit=limit)
    else:
        latest = _LATEST(space=space.pk, limit=limit)
    for message in latest:
        message.space = space
    return list(reversed(latest))


def _shown_messages(space):
    return ChatMessage.objects.filter(space=space, is_hidden=False).select_related(
        "author__profile"
    )


_LATEST = Prepared(
    lambda space, limit: _shown_messages(space).order_by("-pk")[:limit], space=ID, limit=SHAPE
)
_BEFORE = Prepared(
    lambda space, before, limit: (
        _shown_messages(space).filter(pk__lt=before).order_by("-pk")[:limit]
    ),
    space=ID,
    before=ID,
    limit=SHAPE,
)


class ShownMessage(NamedTuple):
    """A message as a room's page prints it (spaces.templatetags.chat_parts.chat_log)."""

    pk: int
    author_id: int | None
    author: object  # the account with its profile (members.queries.person_from_columns)
    body: str
    created_at: object


def page_messages(space, *, before=None, limit=HISTORY_SIZE):
    """recent_messages (the last ones, or those before an id) for a room's page, read as
    columns: each message was three models (itself, its author, their profile), each author
    is built here once however many times they wrote."""
    if before is not None:
        rows = _BEFORE_ROWS(space=space.pk, before=before, limit=limit)
    else:
        rows = _LATEST_ROWS(space=space.pk, limit=limit)
    authors = {}
    messages = []
    for pk, author_id, body, created_at, *person in reversed(rows):
        if author_id not in authors:
            authors[author_id] = person_from_columns(person)
        messages.append(ShownMessage(pk, author_id, authors[author_id], body, created_at))
    return messages


_PAGE_COLUMNS = ("pk", "author_id", "body", "created_at", *person_columns("author"))
_LATEST_ROWS = Prepared(
    lambda space, limit: _shown_messages(space).order_by("-pk").values_list(*_PAGE_COLUMNS)[:limit],
    space=ID,
    limit=SHAPE,
)
_BEFORE_ROWS = Prepared(
    lambda space, before, limit: (
        _shown_messages(space)
        .filter(pk__lt=before)
        .order_by("-pk")
        .values_list(*_PAGE_COLUMNS)[:limit]
    ),
    space=ID,
    before=ID,
    limit=SHAPE,
)


def arrive(*, access, channel_name):
    now = timezone.now()
    ChatPresence.objects.update_or_create(
        channel_name=channel_name,
        defaults={"space": access.space, "user": access.user, "seen_at": now},
    )


def still_here(*, channel_name):
    ChatPresence.objects.filter(channel_name=channel_name).update(seen_at=timezone.now())


def leave(*, channel_name):
    ChatPresence.objects.filter(channel_name=channel_name).delete()


def present(space):
    """Names of the members with the chat open now, each once. Read as columns, not
    models: every arrival in a room of 1,000 reads the whole list."""
    rows = _PRESENT(space=space.pk, since=timezone.now() - PRESENCE_TIMEOUT)
    names = {}
    for user_id, display_name, email in rows:
        names.setdefault(user_id, Profile.name_from(display_name, email))
    return list(names.values())


_PRESENT = Prepared(
    lambda space, since: (
        ChatPresence.objects.filter(space=space, seen_at__gte=since)
        .filter(user__in=visible_user_ids(ANY_MEMBER))
        .order_by("user__profile__display_name", "user_id")
        .values_list("user_id", "user__profile__display_name", "user__email")
    ),
    space=ID,
    since=MOMENT,
)


def may_announce_presence(space):
    """True at most once per PRESENCE_BROADCAST_INTERVAL for a space (across processes)."""
    return cache.add(f"chat-presence:{space.pk}", 1, PRESENCE_BROADCAST_INTERVAL)


def may_schedule_presence(space):
    """True for the one arrival that schedules the deferred broadcast of an interval."""
    return cache.add(f"chat-presence-later:{space.pk}", 1, PRESENCE_BROADCAST_INTERVAL)
