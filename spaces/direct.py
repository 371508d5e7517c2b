"""Direct messages: private conversations between members, live like a space's chat.

Who may write to whom: nobody blocked either way; members who share an active space,
or anyone when the site's space rules allow it; at most ten in a conversation.
Staff have no reading access: only a message a participant reports reaches them.
"""

from datetime import UTC, datetime

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

import analytics
from members.live import access_changed, member_group
from members.permissions import can_view_profile, shown_person
from spaces import chat
from spaces.models import (
    Block,
    Conversation,
    DirectMessage,
    Membership,
    Participant,
    Report,
    SpacePolicy,
)

MAX_PARTICIPANTS = 10
NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def conversation_group(conversation_id):
    return f"conversation-{conversation_id}"


def check_participant(user, conversation):
    if not user.is_authenticated or not conversation.participants.filter(user=user).exists():
        raise Http404


def shares_conversation(user, other):
    return Participant.objects.filter(user=other, conversation__participants__user=user).exists()


def check_block_permission(user, other):
    """A member blocks someone they may see, or someone they write with; anyone else is
    unknown to them (404). Returns the name to show them."""
    if not user.is_authenticated or other.pk == user.pk:
        raise Http404
    together = shares_conversation(user, other)
    if not (together or can_view_profile(user, other.profile)):
        raise Http404
    return shown_person(user, other.profile, as_author=together).name


def check_message_permission(sender, recipients):
    """Raise PermissionDenied, with the reason, unless the sender may write to all of them."""
    others = [user for user in recipients if user.pk != sender.pk]
    if not others:
        raise PermissionDenied(_("Choose at least one member to write to."))
    if len(others) + 1 > MAX_PARTICIPANTS:
        raise PermissionDenied(
            _("A conversation has at most %(max)s members.") % {"max": MAX_PARTICIPANTS}
        )
    if any(not user.is_active for user in others):
        raise PermissionDenied(_("This member's account is closed."))
    ids = [user.pk for user in others]
    if Block.objects.filter(
        Q(blocker=sender, blocked_id__in=ids) | Q(blocker_id__in=ids, blocked=sender)
    ).exists():
        raise PermissionDenied(_("You cannot write to a member you blocked or who blocked you."))
    if sender.is_staff or SpacePolicy.current().members_may_message_strangers:
        return
    my_spaces = Membership.objects.filter(user=sender, state=Membership.State.ACTIVE).values(
        "space"
    )
    sharing = set(
        Membership.objects.filter(
            user_id__in=ids, state=Membership.State.ACTIVE, space__in=my_spaces
        ).values_list("user_id", flat=True)
    )
    if sharing != set(ids):
        raise PermissionDenied(_("You can write only to members of a space you share."))


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
    except IntegrityError:
        return DirectMessage.objects.get(author=sender, client_id=client_id)
    return message


def as_event(message):
    return chat.message_event(message, conversation=message.conversation_id)


def recent_messages(conversation, *, before=None, after=None, limit=chat.HISTORY_SIZE):
    messages = DirectMessage.objects.filter(conversation=conversation).select_related(
        "author__profile"
    )
    if after is not None:
        return list(messages.filter(pk__gt=after).order_by("pk")[:500])
    if before is not None:
        messages = messages.filter(pk__lt=before)
    return list(reversed(messages.order_by("-pk")[:limit]))


def mark_read(*, user, conversation):
    Participant.objects.filter(conversation=conversation, user=user).update(
        last_read_at=timezone.now()
    )
    transaction.on_commit(lambda: push_unread([user.pk]))


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
        .prefetch_related("participants__user__profile")
        .order_by("-last_message_at")
    )


def unread_count(user):
    """How many conversations have messages the member has not read (one query)."""
    return conversations_for(user).filter(is_unread=True).count()


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
            {"type": "member.event", "payload": {"type": "messages", "unread": unread_count(user)}},
        )
