"""The names of a member's live channel groups, shared by every app that tells a member
something live (the bell, unread messages), and the one way services tell open sockets
that what a member may see changed.

Sockets re-check access on every delivery without a database read per message: each socket
of a member also joins the member's access group, and a service that takes something away
(a member removed from a space, a registration cancelled, an account closed) calls
`access_changed` inside its transaction. Once committed, each socket concerned re-reads its
access once and closes when it may no longer read (common.consumers.RelayingConsumer).
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from common import relay

logger = logging.getLogger(__name__)


def member_group(user_id):
    """The member's own channel (/ws/me/): what its payloads say reaches the page."""
    return f"member-{user_id}"


def access_group(user_id):
    """Every open socket of the member, whatever it shows: it hears `access.changed`."""
    return f"member-access-{user_id}"


def access_changed(*, scope, pk, users=(), groups=()):
    """Once the current transaction commits, tell the sockets of `users` (their access
    groups) and every socket in `groups` (a room's own group, when a change concerns
    everyone in it) that access to `scope` `pk` changed: "space" 12, "event" 3,
    "conversation" 5, "block" 7 (the other member), "account" 9 (the member's own).

    Sockets showing something else ignore it; the others re-read their access once. An
    account change ("account") concerns every socket of the member."""
    event = {"type": "access.changed", "scope": scope, "id": pk}
    names = [access_group(user_id) for user_id in users] + list(groups)
    if names:
        transaction.on_commit(lambda: _tell(names, event))


def _tell(names, event):
    """The change is committed whatever happens here; a channel layer that is down is
    logged, and sockets it serves are down with it."""
    send = async_to_sync(get_channel_layer().group_send)
    for name in names:
        try:
            send(name, relay.addressed(name, event))
        except Exception:
            logger.exception("Access change not sent to %s", name)
