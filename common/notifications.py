"""The kinds of notification, declared by the apps that send them.

Each app lists its kinds in its own `notifications.py` (registered when the app is
ready) and records them by the kind, never by a retyped verb:

    analytics.record(actor, REPLY_CREATED, reply, context=space, data={"notify": [...]})

community turns the activity into notifications from what the kind says: its message,
the page it links to, the channels it goes by and the email setting that covers them,
and, for a kind about a post, who may still read it.
Recording `notify` for a verb no kind declares is a mistake in the code, not a
notification lost in silence: analytics refuses it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

IN_APP = "in_app"
EMAIL = "email"


@dataclass(frozen=True)
class NotificationKind:
    """What one kind of notification says and how it reaches the member.

    - `name`: the activity's verb ("reply.created").
    - `message`: a lazy gettext text with %(actor)s and %(title)s (the activity's
      `title`).
    - `link(target, context)`: the page the notification opens, from the activity's
      target and context (analytics stores it as the activity's `url`).
    - `channels`: how it reaches the member by default: IN_APP (the list of
      notifications and the live bell) and EMAIL.
    - `email_setting`: the NotificationSettings field that lets the member turn its
      emails off; None: the member cannot (a kind without EMAIL is never emailed).
    - `readable`: for a kind about a post, `readable(recipient, model, ids)` gives the
      ids among those targets the recipient may still read (the owning app's
      `visible_*` rule); a notification about any other is shown without its words.
      None: the notification is about the recipient themself.
    """

    name: str
    message: object
    link: Callable
    channels: frozenset = frozenset({IN_APP, EMAIL})
    email_setting: str | None = None
    readable: Callable | None = None

    @property
    def emailed(self):
        return EMAIL in self.channels

    def __str__(self):
        return self.name


_kinds: dict[str, NotificationKind] = {}
_missing = object()


def register(kind):
    """Declare a kind (and return it); another kind under a name already taken is refused."""
    if _kinds.get(kind.name, kind) != kind:
        raise ImproperlyConfigured(f"The notification kind {kind.name!r} is declared twice.")
    _kinds[kind.name] = kind
    return kind


def get(name, default=_missing):
    """The kind of that name (or verb, or the kind itself); an undeclared one raises,
    unless a default is given."""
    kind = _kinds.get(str(name))
    if kind is not None:
        return kind
    if default is not _missing:
        return default
    raise ImproperlyConfigured(
        f"No notification kind {str(name)!r} is declared: add it to its app's notifications.py."
    )


def all():
    """Every declared kind, by name."""
    return sorted(_kinds.values(), key=lambda kind: kind.name)
