from django.urls import path

from events.views import (
    calendars,
    editing,
    feedback,
    live,
    meetings,
    pages,
    series,
    staff,
    workshops,
)

app_name = "events"

urlpatterns = [
    path("", pages.event_list, name="list"),
    path("new/", editing.event_create, name="create"),  # before the events' own addresses
    path("calendar/", calendars.my_calendar, name="my_calendar"),
    path("calendar/<str:token>.ics", calendars.member_feed, name="feed"),
    path("<slug:slug>/", pages.event_detail, name="detail"),
    path("<slug:slug>.ics", calendars.event_ics, name="ics"),
    path("<slug:slug>/edit/", editing.event_edit, name="edit"),
    path("<slug:slug>/repeat/", series.repeat, name="repeat"),
    path("<slug:slug>/register/", pages.register, name="register"),
    path("<slug:slug>/cancel/", pages.cancel, name="cancel"),
    path("<slug:slug>/ticket/", pages.ticket, name="ticket"),
    path("<slug:slug>/feedback/", feedback.feedback, name="feedback"),
    path("<slug:slug>/feedback/summary/", feedback.feedback_summary, name="feedback_summary"),
    # staff at the door
    path("<slug:slug>/attendees/", staff.attendees, name="attendees"),
    path("<slug:slug>/attendees/add/", staff.staff_register, name="staff_register"),
    path("<slug:slug>/check-in/", staff.check_in_desk, name="check_in_desk"),
    path("<slug:slug>/check-in/<str:code>/", staff.check_in, name="check_in"),
    # people to meet and 1:1 meetings
    path("<slug:slug>/people/", meetings.people, name="people"),
    path("<slug:slug>/people/request/", meetings.meeting_request, name="meeting_request"),
    path("<slug:slug>/people/suggest-me/", meetings.suggest_me, name="meeting_suggest_me"),
    path(
        "<slug:slug>/people/meetings/<int:pk>/<slug:action>/",
        meetings.meeting_action,
        name="meeting_action",
    ),
    # workshop tables
    path("<slug:slug>/tables/", workshops.tables, name="tables"),
    path("<slug:slug>/tables/add/", workshops.add_table, name="table_add"),
    path("<slug:slug>/tables/leave/", workshops.leave, name="table_leave"),
    path("<slug:slug>/tables/<int:pk>/", workshops.table, name="table"),
    path("<slug:slug>/tables/<int:pk>/choose/", workshops.choose, name="table_choose"),
    # live questions and polls
    path("<slug:slug>/live/", live.live, name="live"),
    path("<slug:slug>/live/questions/", live.ask, name="live_ask"),
    path("<slug:slug>/live/questions/<int:pk>/upvote/", live.upvote, name="live_upvote"),
    path("<slug:slug>/live/questions/<int:pk>/answered/", live.answer, name="live_answer"),
    path("<slug:slug>/live/questions/<int:pk>/hide/", live.hide, name="live_hide"),
    path("<slug:slug>/live/polls/", live.create_poll, name="live_poll_create"),
    path("<slug:slug>/live/polls/<int:pk>/vote/", live.vote, name="live_vote"),
    path("<slug:slug>/live/polls/<int:pk>/open/", live.open_poll, name="live_poll_open"),
    path("<slug:slug>/live/polls/<int:pk>/close/", live.close_poll, name="live_poll_close"),
]
