"""Reports and what moderators do about them. Every action is kept in the space's
moderation record (who, when, why), logged as activity, and told to the member concerned."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

import analytics
from common.live import access_changed
from spaces import notifications
from spaces.models import ChatMessage, Membership, ModerationAction, Report, Thread
from spaces.services import chat


def report(*, access, item, reason, details=""):
    """Report a post or chat message. Idempotent: one open report per member and item."""
    field = _field_of(item)
    with transaction.atomic():
        existing = Report.objects.filter(
            reporter=access.user, resolved_at__isnull=True, **{field: item}
        ).first()
        if existing:
            return existing
        new = Report.objects.create(
            space=access.space,
            reporter=access.user,
            reason=reason,
            details=details,
            **{field: item},
        )
        moderators = access.space.memberships.filter(
            state=Membership.State.ACTIVE,
            role__in=[Membership.Role.OWNER, Membership.Role.MODERATOR],
        ).values_list("user_id", flat=True)
        analytics.record(
            access.user,
            notifications.CONTENT_REPORTED,
            new,
            context=access.space,
            data=_notice(access.space, notify=list(moderators)),
        )
    return new


def hide(*, moderator, space, item, reason=""):
    """Hide a post or chat message; its open reports are resolved; its author is told.
    Hiding what is already hidden (a double submit) does nothing again."""
    with transaction.atomic():
        if not type(item).objects.filter(pk=item.pk, is_hidden=False).update(is_hidden=True):
            return
        _resolve_reports(item, moderator, "hidden")
        _act(space, moderator, ModerationAction.Kind.HIDE, item.author, _describe(item), reason)
        analytics.record(
            moderator,
            notifications.CONTENT_HIDDEN,
            item,
            context=space,
            data={**_notice(space, notify=[item.author_id]), "detail": reason},
        )
        if isinstance(item, ChatMessage):
            transaction.on_commit(lambda: chat.broadcast_hidden(item))


def restore(*, moderator, space, item, reason=""):
    with transaction.atomic():
        type(item).objects.filter(pk=item.pk).update(is_hidden=False)
        _act(space, moderator, ModerationAction.Kind.RESTORE, item.author, _describe(item), reason)
        analytics.record(moderator, "content.restored", item, context=space)


def dismiss(*, moderator, report, reason=""):
    with transaction.atomic():
        _resolve_reports(report.item, moderator, "dismissed")
        _act(
            report.space,
            moderator,
            ModerationAction.Kind.DISMISS,
            None,
            _describe(report.item),
            reason,
        )
        analytics.record(moderator, "report.dismissed", report, context=report.space)


def dismiss_direct(*, moderator, report):
    """Close a report of a private message (staff only; there is no space record)."""
    with transaction.atomic():
        Report.objects.filter(pk=report.pk).update(
            resolved_at=timezone.now(), resolved_by=moderator, resolution="dismissed"
        )
        analytics.record(moderator, "report.dismissed", report)


# The same mute sent again this soon is one mute sent twice (a double submit).
SAME_MUTE = timedelta(minutes=1)


def mute(*, moderator, membership, days, reason=""):
    """Stop a member from posting in the space for a number of days. The same mute sent
    twice is recorded and told once."""
    until = timezone.now() + timedelta(days=days)
    with transaction.atomic():
        muted_until = Membership.objects.select_for_update().get(pk=membership.pk).muted_until
        if muted_until is not None and abs(muted_until - until) < SAME_MUTE:
            return muted_until
        Membership.objects.filter(pk=membership.pk).update(muted_until=until)
        _act(
            membership.space,
            moderator,
            ModerationAction.Kind.MUTE,
            membership.user,
            f"{days}",
            reason,
        )
        analytics.record(
            moderator,
            notifications.MEMBER_MUTED,
            membership.space,
            context=membership.space,
            data={**_notice(membership.space, notify=[membership.user_id]), "detail": reason},
        )
        access_changed(scope="space", pk=membership.space_id, users=[membership.user_id])
    return until


def unmute(*, moderator, membership, reason=""):
    with transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(muted_until=None)
        _act(membership.space, moderator, ModerationAction.Kind.UNMUTE, membership.user, "", reason)
        analytics.record(moderator, "member.unmuted", membership.space, context=membership.space)


def remove(*, moderator, membership, reason=""):
    """Take a member out of the space. Owners are not removed this way."""
    if membership.role == Membership.Role.OWNER:
        return False
    with transaction.atomic():
        space, user = membership.space, membership.user
        membership.delete()
        _act(space, moderator, ModerationAction.Kind.REMOVE, user, "", reason)
        analytics.record(
            moderator,
            notifications.MEMBER_REMOVED,
            space,
            context=space,
            data={**_notice(space, notify=[user.pk]), "detail": reason},
        )
        access_changed(scope="space", pk=space.pk, users=[user.pk])
    return True


def _act(space, moderator, kind, member, description, reason):
    ModerationAction.objects.create(
        space=space,
        moderator=moderator,
        kind=kind,
        member=member,
        description=description[:300],
        reason=reason,
    )


def _resolve_reports(item, moderator, resolution):
    Report.objects.filter(resolved_at__isnull=True, **{_field_of(item): item}).update(
        resolved_at=timezone.now(), resolved_by=moderator, resolution=resolution
    )


def _field_of(item):
    if isinstance(item, Thread):
        return "thread"
    if isinstance(item, ChatMessage):
        return "chat_message"
    return "reply"


def _describe(item):
    if isinstance(item, Thread):
        return item.title
    return (item.body or "")[:120]


def _notice(space, *, notify):
    """Who to tell, and the title; the link is the kind's (spaces.notifications)."""
    return {"notify": [pk for pk in notify if pk], "title": space.name}
