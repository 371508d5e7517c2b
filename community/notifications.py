"""Turn the activity log into notifications: in the app, live on the bell, and by email.

Apps say who is concerned in the activity's data (`notify`, with a `title` and a
`url`); this module knows nothing else of them.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_from_path
from django.utils.translation import gettext_lazy as _

from community.models import NotificationSettings
from members.permissions import shown_person
from spaces import permissions as space_permissions
from spaces.models import Reply, Thread

# Notifications about a post say its title and who wrote it: they are shown (and emailed)
# only while the recipient may still read the post (spaces.permissions.visible_threads /
# visible_replies): a post hidden by a moderator, deleted, or in a space the recipient left
# leaves a notice without its words. Other notifications are about the recipient themself.
ABOUT_POSTS = frozenset({"reply.created", "member.mentioned", "answer.accepted"})
POST_RULES = {
    ("spaces", "thread"): (Thread, space_permissions.visible_threads),
    ("spaces", "reply"): (Reply, space_permissions.visible_replies),
}

# verb -> (text shown to the recipient, the email setting that covers it)
MESSAGES = {
    "reply.created": (_("%(actor)s replied to “%(title)s”"), "email_replies"),
    "member.mentioned": (_("%(actor)s mentioned you in “%(title)s”"), "email_mentions"),
    "answer.accepted": (_("Your reply to “%(title)s” is the accepted answer"), "email_answers"),
    "space.join_requested": (_("%(actor)s asks to join %(title)s"), "email_spaces"),
    "space.request_accepted": (_("You are now a member of %(title)s"), "email_spaces"),
    "space.request_declined": (_("Your request to join %(title)s was declined"), "email_spaces"),
    "space.invited": (_("%(actor)s invited you to join %(title)s"), "email_spaces"),
    "content.reported": (_("%(actor)s reported a message in %(title)s"), "email_spaces"),
    "content.hidden": (_("A moderator hid your message in %(title)s"), "email_spaces"),
    "member.muted": (_("A moderator muted you in %(title)s"), "email_spaces"),
    "member.removed": (_("A moderator removed you from %(title)s"), "email_spaces"),
    "event.promoted": (_("A seat freed up: you are registered for %(title)s"), "email_events"),
    "event.registered": (_("%(actor)s registered you for %(title)s"), "email_events"),
    "event.waitlisted": (_("%(actor)s put you on the waiting list of %(title)s"), "email_events"),
    "event.changed": (_("%(title)s changed: see its new date, place or link"), "email_events"),
    "event.meeting_requested": (_("%(actor)s asks to meet you at %(title)s"), "email_events"),
    "event.meeting_accepted": (_("%(actor)s accepted to meet you at %(title)s"), "email_events"),
    "event.meeting_declined": (
        _("%(actor)s declined your meeting request at %(title)s"),
        "email_events",
    ),
    "event.meeting_cancelled": (
        _("%(actor)s cancelled your meeting at %(title)s"),
        "email_events",
    ),
}


def link_of(notification, language=None):
    """The notification's link in the reader's language."""
    return in_language(notification.url, language or get_language())


def text_of(notification):
    """What the notification says to its recipient: the actor named by members'
    person rule (they acted towards the recipient), or a notice without the words of a
    post the recipient can no longer read."""
    if getattr(notification, "withdrawn", False):
        return _("This notification was about a message you can no longer read.")
    template, _setting = MESSAGES.get(notification.verb, (_("%(title)s"), None))
    recipient = notification.recipient
    actor = (
        shown_person(recipient, notification.actor.profile, as_author=True).name
        if notification.actor
        else _("Someone")
    )
    return template % {"actor": actor, "title": notification.title}


def mark_withdrawn(notifications):
    """Set `withdrawn` on each notification about a post its recipient may no longer read.
    One query per kind of post and recipient among them (a page has one recipient)."""
    notifications = list(notifications)
    wanted = {}
    for notification in notifications:
        notification.withdrawn = False
        if notification.verb in ABOUT_POSTS and notification.target_type_id:
            key = (notification.recipient_id, notification.target_type_id)
            wanted.setdefault(key, []).append(notification)
    for (_recipient, type_id), about in wanted.items():
        content_type = ContentType.objects.get_for_id(type_id)
        rule = POST_RULES.get((content_type.app_label, content_type.model))
        if rule is None:
            continue
        model, visible = rule
        recipient = about[0].recipient
        readable = set(
            visible(
                recipient, model.objects.filter(pk__in=[n.target_id for n in about])
            ).values_list("pk", flat=True)
        )
        for notification in about:
            notification.withdrawn = notification.target_id not in readable
    return notifications


def in_language(url, language):
    """The same page in another language: links are stored in the default one."""
    parts = urlsplit(url)
    try:
        with translation.override(get_language_from_path(parts.path) or settings.LANGUAGE_CODE):
            match = resolve(parts.path)
    except Resolver404:
        return url
    with translation.override(language):
        path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    return urlunsplit(parts._replace(path=path))


def settings_for(user):
    """The member's email settings, or the defaults (unsaved) until they change them."""
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


def wants_email(notification):
    _template, setting = MESSAGES.get(notification.verb, (None, None))
    if setting is None:
        return False
    preferences = NotificationSettings.objects.filter(user_id=notification.recipient_id).first()
    return getattr(preferences, setting) if preferences else True
