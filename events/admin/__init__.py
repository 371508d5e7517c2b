"""The events admin, one module per part."""

from events.admin import events, live, meetings, reminders, workshops  # noqa: F401
