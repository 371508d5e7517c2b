"""The events pages, one module per part: members' pages, calendars, staff at the door,
event editing, series, meetings, workshop tables, live questions and polls, feedback.
Routes: events/urls.py."""
