"""A version of each event's attendance: it changes with every registration and meeting
there (events.signals). What is derived from who attends (suggestions of people to meet, how
many attendees show their name, the counts of seats) is kept under it, and read again once
it changes; a list's counts, under a version of every event's, which changes with each.
And a version of each member's registrations, under which a list keeps where the member
stands at its events."""

from events import versions

EVENT = "events:attendance:{}"
# Every event's attendance: lists keep their events' counts under it, where asking for
# each event's version would cost a key each (some 30 Python calls).
EVERY_EVENT = "events:attendance:every"
MEMBER = "events:registrations:{}"


def version(event_id):
    return versions.current(EVENT.format(event_id))


def changed(event_id):
    """Forget everything kept under the event's attendance, and under every event's."""
    versions.renew(EVENT.format(event_id))
    versions.renew(EVERY_EVENT)


def versions_of(event_ids):
    """{event id: version} of the events' attendance, in one cache read."""
    current = versions.current_many([EVENT.format(event_id) for event_id in event_ids])
    return {event_id: current[EVENT.format(event_id)] for event_id in event_ids}


def member_version(user_id):
    return versions.current(MEMBER.format(user_id))


def member_changed(user_id):
    """Forget what is kept under the member's registrations."""
    versions.renew(MEMBER.format(user_id))
