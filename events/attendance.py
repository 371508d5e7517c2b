"""A version of each event's attendance: it changes with every registration and meeting
there (events.signals). What is derived from who attends (suggestions of people to meet, how
many attendees show their name) is kept under it, and read again once it changes."""

import uuid

from django.core.cache import cache


def _key(event_id):
    return f"events:attendance:{event_id}"


def version(event_id):
    current = cache.get(_key(event_id))
    if current is None:
        current = uuid.uuid4().hex
        if not cache.add(_key(event_id), current, None):
            current = cache.get(_key(event_id)) or current
    return current


def changed(event_id):
    """Forget everything kept under the event's attendance."""
    cache.set(_key(event_id), uuid.uuid4().hex, None)
