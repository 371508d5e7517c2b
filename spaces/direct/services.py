"""Every write in direct messages: conversations, messages, read markers, blocks and
reports; delivered live like a space's chat. Who may write to whom is
spaces.direct.permissions'."""

from datetime import UTC, datetime

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

import analytics
from common.live import access_changed, member_group
from common.prepared import ID, ID_LIST, SHAPE, Prepared, partial
from members.queries import person_columns, person_from_columns
from spaces.direct.permissions import check_message_permission
from spaces.models import (
    Block,
    Conversation,
    DirectMessage,
    Participant,
    Report,
)
from spaces.services import chat

NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def conversation_group(conversation_id):
    return f"conversation-{conversation_id}"


def start_conversation(*, sender, recipients, body):
    """Write to members: a one-to-one conversation is reused, a group one is new."""
    check_message_permission(sender, recipients)
    members = {sender.pk, *(user.pk for user in recipients)}
    with transaction.atomic():
        conversation = None
        if len(members) == 2:
            conversation = (
                Conversation.objects.annotate(size=Count("participants"))
                .filter(size=2)
                .filter(participants__user_id=sender.pk)
                .filter(participants__user_id=(members - {sender.pk}).pop())
                .first()
            )
        if conversation is None:
            conversation = Conversation.objects.create()
            Participant.objects.bulk_create(
                [Participant(conversation=conversation, user_id=pk) for pk in sorted(members)]
            )
        send_message(sender=sender, conversation=conversation, body=body)
    return conversation


def send_message(*, sender, conversation, body, client_id=""):
    """Store and deliver a message. Idempotent on (sender, client_id)."""
    body = (body or "").strip()
    client_id = str(client_id or "")[:40]
    if not body:
        raise chat.ChatRefused("empty", _("Write a message first."))
    if len(body) > chat.MAX_LENGTH:
        raise chat.ChatRefused(
            "too_long",
            _("A chat message is at most %(max)s characters.") % {"max": chat.MAX_LENGTH},
        )
    others = list(
        get_user_model()
        .objects.filter(conversations__conversation=conversation)
        .exclude(pk=sender.pk)
    )
    try:
        check_message_permission(sender, others)
    except PermissionDenied as refusal:
        raise chat.ChatRefused("forbidden", str(refusal)) from refusal
    if client_id:
        existing = DirectMessage.objects.filter(author=sender, client_id=client_id).first()
        if existing:
            return existing
    try:
        with transaction.atomic():
            message = DirectMessage.objects.create(
                conversation=conversation, author=sender, body=body, client_id=client_id
            )
            now = timezone.now()
            Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
            Participant.objects.filter(conversation=conversation, user=sender).update(
                last_read_at=now
            )
            analytics.record(sender, "direct_message.sent", conversation)
            transaction.on_commit(lambda: _deliver(message, [user.pk for user in others]))
            # Writing reads the conversation: the sender's own count is counted again.
            transaction.on_commit(lambda: cache.delete(unread_key(sender.pk)))
    except IntegrityError:
        return DirectMessage.objects.get(author=sender, client_id=client_id)
    return message


def as_event(message):
    return chat.message_event(message, conversation=message.conversation_id)


def recent_messages(conversation, *, before=None, after=None, limit=chat.HISTORY_SIZE):
    if after is not None:
        return list(_messages(conversation).filter(pk__gt=after).order_by("pk")[:500])
    if before is not None:
        latest = _BEFORE(conversation=conversation.pk, before=before, limit=limit)
    else:  # a conversation's page: by a query compiled once (common.prepared)
        latest = _LATEST(conversation=conversation.pk, limit=limit)
    for message in latest:
        message.conversation = conversation
    return list(reversed(latest))


def _messages(conversation):
    return DirectMessage.objects.filter(conversation=conversation).select_related("author__profile")


_LATEST = Prepared(
    lambda conversation, limit: _messages(conversation).order_by("-pk")[:limit],
    conversation=ID,
    limit=SHAPE,
)
_BEFORE = Prepared(
    lambda conversation, before, limit: (
        _messages(conversation).filter(pk__lt=before).order_by("-pk")[:limit]
    ),
    conversation=ID,
    before=ID,
    limit=SHAPE,
)


def mark_read(*, user, conversation):
    """The member has read the conversation. Only a conversation that had unread messages
    changes (one query): then the member's other tabs are told their new unread count;
    reading an already read conversation again costs no recount and no message."""
    unread = DirectMessage.objects.filter(
        conversation=conversation,
        created_at__gt=Coalesce(OuterRef("last_read_at"), Value(NEVER)),
    ).exclude(author=user)
    changed = (
        Participant.objects.filter(conversation=conversation, user=user)
        .filter(Exists(unread))
        .update(last_read_at=timezone.now())
    )
    if changed:
        transaction.on_commit(lambda: push_unread([user.pk]))


def participants_of(conversation_id):
    """[(last_read_at, account with its profile)] of a conversation's participants (none
    for a conversation that does not exist), by a query compiled once (common.prepared)."""
    return [
        (last_read_at, person_from_columns(person))
        for last_read_at, *person in _PARTICIPANTS(conversation=conversation_id)
    ]


_PARTICIPANTS = Prepared(
    lambda conversation: (
        Participant.objects.filter(conversation=conversation)
        .order_by("pk")
        .values_list("last_read_at", *person_columns("user"))
    ),
    conversation=ID,
)


def mark_shown_read(*, user, conversation, last_read_at, history):
    """mark_read, for a page that shows `history` (the latest messages, oldest first) to a
    member who last read the conversation at `last_read_at`: skipped, with no query, when
    these show nothing unread and one of them is someone else's (then every message since
    is among them)."""
    others = [message for message in history if message.author_id != user.pk]
    complete = len(history) < chat.HISTORY_SIZE or others
    if complete and not any(
        last_read_at is None or message.created_at > last_read_at for message in others
    ):
        return
    mark_read(user=user, conversation=conversation)


def blocked_among(user, others):
    """Which of `others` (account keys) the member has blocked."""
    return set(_BLOCKED(blocker=user.pk, blocked=list(others)))


_BLOCKED = Prepared(
    lambda blocker, blocked: Block.objects.filter(blocker=blocker, blocked__in=blocked).values_list(
        "blocked_id", flat=True
    ),
    blocker=ID,
    blocked=ID_LIST,
)


def conversations_for(user):
    """The member's conversations, newest first, each with `is_unread`."""
    read_at = Participant.objects.filter(conversation=OuterRef("pk"), user=user).values(
        "last_read_at"
    )[:1]
    return (
        Conversation.objects.filter(participants__user=user)
        .annotate(read_at=Coalesce(Subquery(read_at), Value(NEVER)))
        .annotate(
            is_unread=Exists(
                DirectMessage.objects.filter(
                    conversation=OuterRef("pk"), created_at__gt=OuterRef("read_at")
                ).exclude(author=user)
            )
        )
        .order_by("-last_message_at")
    )


def inbox_page(user, bottom, top):
    """Rows [bottom, top) of the member's inbox, newest first: conversations with
    `is_unread` and `others` (the other participants' accounts, each with its profile).
    Two queries compiled once per process (common.prepared)."""
    rows = _INBOX_ROWS(user=user.pk, bottom=bottom, top=top)
    others = {pk: [] for pk, *_ in rows}
    for conversation_id, *person in _OTHER_PARTICIPANTS(conversations=list(others), user=user.pk):
        others[conversation_id].append(person_from_columns(person))
    page = []
    for pk, last_message_at, is_unread in rows:
        conversation = partial(Conversation, id=pk, last_message_at=last_message_at)
        conversation.is_unread = is_unread
        conversation.others = others[pk]
        page.append(conversation)
    return page


_INBOX_ROWS = Prepared(
    lambda user, bottom, top: conversations_for(user).values_list(
        "pk", "last_message_at", "is_unread"
    )[bottom:top],
    user=ID,
    bottom=SHAPE,
    top=SHAPE,
)
_OTHER_PARTICIPANTS = Prepared(
    lambda conversations, user: (
        Participant.objects.filter(conversation__in=conversations)
        .exclude(user=user)
        .order_by("conversation", "pk")
        .values_list("conversation_id", *person_columns("user"))
    ),
    conversations=ID_LIST,
    user=ID,
)


# The messages' count is on every page: it is kept in the cache, set afresh whenever it
# changes through this module (a message delivered, a conversation read). The timeout
# bounds how long a change made elsewhere goes unseen.
UNREAD_TIMEOUT = 300


def unread_key(user_id):
    return f"direct:unread:{user_id}"


def unread_count(user, *, kept=None):
    """How many conversations have messages the member has not read (the badge on every
    page): from the cache, else counted (see count_unread). `kept`: what the cache holds
    under unread_key(), where the caller has read it."""
    count = kept if kept is not None else cache.get(unread_key(user.pk))
    if count is None:
        count = count_unread(user)
    return count


def count_unread(user):
    """Count afresh, and keep the count (one query: from the member's own participations,
    with no join back to the conversation)."""
    unread = DirectMessage.objects.filter(
        conversation=OuterRef("conversation_id"),
        created_at__gt=Coalesce(OuterRef("last_read_at"), Value(NEVER)),
    ).exclude(author=user)
    count = Participant.objects.filter(user=user).filter(Exists(unread)).count()
    cache.set(unread_key(user.pk), count, UNREAD_TIMEOUT)
    return count


def block(*, blocker, blocked):
    if blocker.pk == blocked.pk:
        return
    with transaction.atomic():
        _block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
        if created:
            analytics.record(blocker, "member.blocked", blocked.profile)
            _tell_block_changed(blocker, blocked)


def unblock(*, blocker, blocked):
    with transaction.atomic():
        if Block.objects.filter(blocker=blocker, blocked=blocked).delete()[0]:
            _tell_block_changed(blocker, blocked)


def _tell_block_changed(blocker, blocked):
    """Open conversations of both re-read who they are blocked with (spaces.consumers)."""
    access_changed(scope="block", pk=blocked.pk, users=[blocker.pk])
    access_changed(scope="block", pk=blocker.pk, users=[blocked.pk])


def report(*, reporter, message, reason, details=""):
    """Report a private message: it alone, not the conversation, goes to staff."""
    with transaction.atomic():
        existing = Report.objects.filter(
            reporter=reporter, direct_message=message, resolved_at__isnull=True
        ).first()
        if existing:
            return existing
        new = Report.objects.create(
            reporter=reporter, direct_message=message, reason=reason, details=details
        )
        analytics.record(reporter, "direct_message.reported", new)
    return new


def _deliver(message, recipient_ids):
    chat.send_to_group(conversation_group(message.conversation_id), as_event(message))
    push_unread(recipient_ids)


def push_unread(user_ids):
    layer = get_channel_layer()
    users = get_user_model().objects.filter(pk__in=user_ids)
    for user in users:
        async_to_sync(layer.group_send)(
            member_group(user.pk),
            {"type": "member.event", "payload": {"type": "messages", "unread": count_unread(user)}},
        )
