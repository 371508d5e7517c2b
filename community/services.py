"""Every write about notifications: turn the activity log into notifications (in the app,
live on the bell, by email), mark them read. The text of a notification and who may still
read what it is about: community.notifications."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from common import notifications as kinds
from common.live import member_group
from community import tasks
from community.models import Notification
from community.notifications import in_language


def notify_from_activity(activity):
    """Create the notifications an activity calls for. Idempotent per activity is not
    needed: each activity is recorded once."""
    if kinds.get(activity.verb, None) is None:
        return []
    data = activity.data or {}
    recipients = {pk for pk in data.get("notify", []) if pk and pk != activity.actor_id}
    if not recipients or not data.get("url"):
        return []
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=recipient,
                actor_id=activity.actor_id,
                verb=activity.verb,
                title=str(data.get("title", ""))[:200],
                detail=str(data.get("detail", ""))[:300],
                url=in_language(data["url"], settings.LANGUAGE_CODE),
                target_type_id=activity.target_type_id,
                target_id=activity.target_id,
            )
            for recipient in sorted(recipients)
        ]
    )
    ids = [notification.pk for notification in notifications]
    transaction.on_commit(lambda: push_unread_counts(sorted(recipients)))
    transaction.on_commit(lambda: _queue_emails(ids))
    return notifications


# The bell's count is on every page: it is kept in the cache, set afresh whenever it
# changes through this module (a notification created, some marked read). The timeout
# bounds how long a change made elsewhere (the admin, a bulk delete) goes unseen.
UNREAD_TIMEOUT = 300


def unread_key(user_id):
    return f"community:unread:{user_id}"


def unread_count(user, *, kept=None):
    """How many of the member's notifications are unread (the bell). `kept`: what the
    cache holds under unread_key(), where the caller has read it."""
    count = kept if kept is not None else cache.get(unread_key(user.pk))
    if count is None:
        count = Notification.objects.unread().filter(recipient=user).count()
        cache.set(unread_key(user.pk), count, UNREAD_TIMEOUT)
    return count


def push_unread_counts(user_ids):
    """Count each member's unread notifications afresh, keep the counts for their next
    pages, and tell their open pages (the bell)."""
    counts = dict.fromkeys(user_ids, 0)
    for recipient_id in (
        Notification.objects.unread()
        .filter(recipient_id__in=user_ids)
        .values_list("recipient_id", flat=True)
    ):
        counts[recipient_id] += 1
    cache.set_many(
        {unread_key(user_id): unread for user_id, unread in counts.items()}, UNREAD_TIMEOUT
    )
    layer = get_channel_layer()
    if layer is None:
        return
    for user_id, unread in counts.items():
        async_to_sync(layer.group_send)(
            member_group(user_id),
            {"type": "member.event", "payload": {"type": "notifications", "unread": unread}},
        )


def mark_read(*, user, notification=None):
    """Mark one notification, or all of the member's, as read; update their bell."""
    unread = Notification.objects.unread().filter(recipient=user)
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    unread.update(read_at=timezone.now())
    transaction.on_commit(lambda: push_unread_counts([user.pk]))


def _queue_emails(ids):
    tasks.send_notification_emails.delay(ids)
