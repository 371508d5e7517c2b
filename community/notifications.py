"""Turn the activity log into notifications: in the app, live on the bell, and by email.

Apps declare their kinds of notification (common.notifications: the message, the link,
the channels and email setting, who may still read a post) and say who is concerned in
the activity's data (`notify`, with a `title`; analytics adds the kind's link as `url`);
this module knows nothing else of them.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_from_path
from django.utils.translation import gettext_lazy as _

from common import notifications as kinds
from community.models import NotificationSettings
from members.permissions import shown_person

# A stored notification whose kind is no longer declared still says its title.
UNDECLARED = kinds.NotificationKind("", _("%(title)s"), link=None, channels=frozenset())


def link_of(notification, language=None):
    """The notification's link in the reader's language."""
    return in_language(notification.url, language or get_language())


def text_of(notification):
    """What the notification says to its recipient: the actor named by members'
    person rule (they acted towards the recipient), or a notice without the words of a
    post the recipient can no longer read."""
    if getattr(notification, "withdrawn", False):
        return _("This notification was about a message you can no longer read.")
    template = kinds.get(notification.verb, UNDECLARED).message
    recipient = notification.recipient
    actor = (
        shown_person(recipient, notification.actor.profile, as_author=True).name
        if notification.actor
        else _("Someone")
    )
    return template % {"actor": actor, "title": notification.title}


def mark_withdrawn(notifications):
    """Set `withdrawn` on each notification about a post its recipient may no longer read
    (the kind's `readable` rule). One query per kind of post and recipient among them (a
    page has one recipient)."""
    notifications = list(notifications)
    wanted = {}
    for notification in notifications:
        notification.withdrawn = False
        rule = kinds.get(notification.verb, UNDECLARED).readable
        if rule is not None and notification.target_type_id:
            key = (notification.recipient_id, notification.target_type_id, rule)
            wanted.setdefault(key, []).append(notification)
    for (_recipient, type_id, rule), about in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        readable = rule(about[0].recipient, model, [n.target_id for n in about])
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
    kind = kinds.get(notification.verb, UNDECLARED)
    if not kind.emailed:
        return False
    setting = kind.email_setting
    if setting is None:
        return True
    preferences = NotificationSettings.objects.filter(user_id=notification.recipient_id).first()
    return getattr(preferences, setting) if preferences else True
