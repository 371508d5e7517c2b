from django.urls import path

from events import views
from events.views import editing, feedback, live, meetings, series, workshops

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar/", views.my_calendar, name="my_calendar"),
    path("calendar/<str:token>.ics", views.member_feed, name="feed"),
    *editing.create_urlpatterns,  # before the events' own addresses
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>.ics", views.event_ics, name="ics"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/ticket/", views.ticket, name="ticket"),
    path("<slug:slug>/attendees/", views.attendees, name="attendees"),
    path("<slug:slug>/attendees/add/", views.staff_register, name="staff_register"),
    path("<slug:slug>/check-in/", views.check_in_desk, name="check_in_desk"),
    path("<slug:slug>/check-in/<str:code>/", views.check_in, name="check_in"),
    *meetings.urlpatterns,
    *workshops.urlpatterns,
    *live.urlpatterns,
    *feedback.urlpatterns,
    *series.urlpatterns,
    *editing.urlpatterns,
]
