"""The events pages, one module per audience: members' pages, calendars, staff pages."""

from events.views.calendar_views import event_ics, member_feed, my_calendar
from events.views.pages import cancel, event_detail, event_list, register, ticket
from events.views.staff import attendees, check_in, check_in_desk, staff_register

__all__ = [
    "attendees",
    "cancel",
    "check_in",
    "check_in_desk",
    "event_detail",
    "event_ics",
    "event_list",
    "member_feed",
    "my_calendar",
    "register",
    "staff_register",
    "ticket",
]
