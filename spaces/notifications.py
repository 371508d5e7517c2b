"""The notifications spaces send: about posts (replies, mentions, accepted answers), and
about the member's place in a space (requests, invitations, moderation)."""

from django.utils.translation import gettext_lazy as _

from common.notifications import NotificationKind, register
from spaces import permissions
from spaces.models import Reply, Thread


def readable_posts(recipient, model, ids):
    """The ids among these threads or replies the recipient may still read: a post hidden
    by a moderator, deleted, or in a space they left is no longer theirs to read. One query."""
    visible = {Thread: permissions.visible_threads, Reply: permissions.visible_replies}.get(model)
    if visible is None:
        return set(ids)
    return set(visible(recipient, model.objects.filter(pk__in=ids)).values_list("pk", flat=True))


# About a post: its title and who wrote it are shown (and emailed) only while the
# recipient may still read it.
REPLY_CREATED = register(
    NotificationKind(
        "reply.created",
        _("%(actor)s replied to “%(title)s”"),
        email_setting="email_replies",
        readable=readable_posts,
    )
)
MEMBER_MENTIONED = register(
    NotificationKind(
        "member.mentioned",
        _("%(actor)s mentioned you in “%(title)s”"),
        email_setting="email_mentions",
        readable=readable_posts,
    )
)
ANSWER_ACCEPTED = register(
    NotificationKind(
        "answer.accepted",
        _("Your reply to “%(title)s” is the accepted answer"),
        email_setting="email_answers",
        readable=readable_posts,
    )
)

# About the recipient's place in a space.
JOIN_REQUESTED = register(
    NotificationKind(
        "space.join_requested",
        _("%(actor)s asks to join %(title)s"),
        email_setting="email_spaces",
    )
)
REQUEST_ACCEPTED = register(
    NotificationKind(
        "space.request_accepted",
        _("You are now a member of %(title)s"),
        email_setting="email_spaces",
    )
)
REQUEST_DECLINED = register(
    NotificationKind(
        "space.request_declined",
        _("Your request to join %(title)s was declined"),
        email_setting="email_spaces",
    )
)
INVITED = register(
    NotificationKind(
        "space.invited",
        _("%(actor)s invited you to join %(title)s"),
        email_setting="email_spaces",
    )
)
CONTENT_REPORTED = register(
    NotificationKind(
        "content.reported",
        _("%(actor)s reported a message in %(title)s"),
        email_setting="email_spaces",
    )
)
CONTENT_HIDDEN = register(
    NotificationKind(
        "content.hidden",
        _("A moderator hid your message in %(title)s"),
        email_setting="email_spaces",
    )
)
MEMBER_MUTED = register(
    NotificationKind(
        "member.muted",
        _("A moderator muted you in %(title)s"),
        email_setting="email_spaces",
    )
)
MEMBER_REMOVED = register(
    NotificationKind(
        "member.removed",
        _("A moderator removed you from %(title)s"),
        email_setting="email_spaces",
    )
)
