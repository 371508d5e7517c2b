"""The events app's data, one module per part: events and registrations, reminders and
feedback, meetings between attendees, workshop tables, live questions and polls."""

from events.models.events import (
    DEFAULT_TIME_ZONE,
    CalendarFeed,
    Event,
    EventQuerySet,
    Question,
    Registration,
    RegistrationQuerySet,
    Series,
    TaggedEventInterest,
    new_ticket_code,
    validate_time_zone,
)
from events.models.live import LiveQuestion, LiveQuestionVote, Poll, PollChoice, PollVote
from events.models.meetings import Meeting
from events.models.reminders import Feedback, SentReminder
from events.models.workshops import TableNotesRevision, TableSeat, WorkshopTable

__all__ = [
    "DEFAULT_TIME_ZONE",
    "CalendarFeed",
    "Event",
    "EventQuerySet",
    "Feedback",
    "LiveQuestion",
    "LiveQuestionVote",
    "Meeting",
    "Poll",
    "PollChoice",
    "PollVote",
    "Question",
    "Registration",
    "RegistrationQuerySet",
    "Series",
    "SentReminder",
    "TableNotesRevision",
    "TableSeat",
    "TaggedEventInterest",
    "WorkshopTable",
    "new_ticket_code",
    "validate_time_zone",
]
