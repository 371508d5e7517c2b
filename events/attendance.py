"""A version of each event's attendance: it changes with every registration and meeting
there (events.signals). What is derived from who attends (suggestions of people to meet, how
many attendees show their name) is kept under it, and read again once it changes."""

from events import versions


def _key(event_id):
    return f"events:attendance:{event_id}"


def version(event_id):
    return versions.current(_key(event_id))


def changed(event_id):
    """Forget everything kept under the event's attendance."""
    versions.renew(_key(event_id))
