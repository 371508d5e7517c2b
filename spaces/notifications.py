"""The notifications spaces send: about posts (replies, mentions, accepted answers), and
about the member's place in a space (requests, invitations, moderation)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.notifications import NotificationKind, register
from spaces import permissions
from spaces.models import ChatMessage, Reply, Thread


def readable_posts(recipient, model, ids):
    """The ids among these threads or replies the recipient may still read: a post hidden
    by a moderator, deleted, or in a space they left is no longer theirs to read. One query."""
    visible = {Thread: permissions.visible_threads, Reply: permissions.visible_replies}.get(model)
    if visible is None:
        return set(ids)
    return set(visible(recipient, model.objects.filter(pk__in=ids)).values_list("pk", flat=True))


# The page each kind opens, from the activity's target and context (the space).
def the_post(target, space):
    return target.get_absolute_url()


def the_space(target, space):
    return space.get_absolute_url()


def its_members(target, space):
    return reverse("spaces:members", args=[space.slug])


def its_moderation_queue(target, space):
    return reverse("spaces:moderation", args=[space.slug])


def the_hidden_message(target, space):
    if isinstance(target, ChatMessage):
        return reverse("spaces:chat", args=[space.slug])
    return target.get_absolute_url()


def home(target, space):
    """A member removed from a space may no longer open it."""
    return reverse("home")


# About a post: its title and who wrote it are shown (and emailed) only while the
# recipient may still read it.
REPLY_CREATED = register(
    NotificationKind(
        "reply.created",
        _("%(actor)s replied to “%(title)s”"),
        link=the_post,
        email_setting="email_replies",
        readable=readable_posts,
    )
)
MEMBER_MENTIONED = register(
    NotificationKind(
        "member.mentioned",
        _("%(actor)s mentioned you in “%(title)s”"),
        link=the_post,
        email_setting="email_mentions",
        readable=readable_posts,
    )
)
ANSWER_ACCEPTED = register(
    NotificationKind(
        "answer.accepted",
        _("Your reply to “%(title)s” is the accepted answer"),
        link=the_post,
        email_setting="email_answers",
        readable=readable_posts,
    )
)

# About the recipient's place in a space.
JOIN_REQUESTED = register(
    NotificationKind(
        "space.join_requested",
        _("%(actor)s asks to join %(title)s"),
        link=its_members,
        email_setting="email_spaces",
    )
)
REQUEST_ACCEPTED = register(
    NotificationKind(
        "space.request_accepted",
        _("You are now a member of %(title)s"),
        link=the_space,
        email_setting="email_spaces",
    )
)
REQUEST_DECLINED = register(
    NotificationKind(
        "space.request_declined",
        _("Your request to join %(title)s was declined"),
        link=the_space,
        email_setting="email_spaces",
    )
)
INVITED = register(
    NotificationKind(
        "space.invited",
        _("%(actor)s invited you to join %(title)s"),
        link=the_space,
        email_setting="email_spaces",
    )
)
CONTENT_REPORTED = register(
    NotificationKind(
        "content.reported",
        _("%(actor)s reported a message in %(title)s"),
        link=its_moderation_queue,
        email_setting="email_spaces",
    )
)
CONTENT_HIDDEN = register(
    NotificationKind(
        "content.hidden",
        _("A moderator hid your message in %(title)s"),
        link=the_hidden_message,
        email_setting="email_spaces",
    )
)
MEMBER_MUTED = register(
    NotificationKind(
        "member.muted",
        _("A moderator muted you in %(title)s"),
        link=the_space,
        email_setting="email_spaces",
    )
)
MEMBER_REMOVED = register(
    NotificationKind(
        "member.removed",
        _("A moderator removed you from %(title)s"),
        link=home,
        email_setting="email_spaces",
    )
)
