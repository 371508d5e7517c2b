"""Calendar files (RFC 5545): one event, or a member's registered events and accepted 1:1
meetings as a feed that Google, Outlook and Apple calendars subscribe to."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.models import Meeting, Registration

PRODUCT_ID = "-//Maillage//Events//FR"


def event_calendar(event, *, url, online_link=False):
    """An .ics holding one event; `url` is the event page's absolute address."""
    calendar = _calendar(name=event.title)
    calendar.add_component(_component(event, url=url, online_link=online_link))
    return calendar.to_ical()


def member_calendar(user, *, absolute):
    """Every event the member is registered for (confirmed), past month onward.
    `absolute(path)` turns a path into an absolute address."""
    since = timezone.now() - timedelta(days=31)
    registrations = (
        Registration.objects.confirmed()
        .filter(user=user, event__ends_at__gte=since)
        .select_related("event")
        .order_by("event__starts_at")
    )
    calendar = _calendar(name="Maillage")
    calendar.add("refresh-interval;value=duration", "PT6H")
    calendar.add("x-published-ttl", "PT6H")
    for registration in registrations:
        event = registration.event
        calendar.add_component(
            _component(event, url=absolute(event.get_absolute_url()), online_link=True)
        )
    meetings = (
        Meeting.objects.accepted()
        .involving(user)
        .filter(ends_at__gte=since)
        .select_related("event", "requester__profile", "invitee__profile")
        .order_by("starts_at")
    )
    with translation.override(user.profile.language or settings.LANGUAGE_CODE):
        for meeting in meetings:
            calendar.add_component(_meeting_component(meeting, user, absolute))
    return calendar.to_ical()


def _meeting_component(meeting, user, absolute):
    event, other = meeting.event, meeting.other(user).profile.name
    url = absolute(reverse("events:people", args=[event.slug]))
    component = CalendarEvent()
    component.add("uid", f"meeting-{meeting.pk}@{urlsplit(settings.SITE_URL).netloc}")
    component.add("dtstamp", timezone.now())
    component.add("dtstart", meeting.starts_at.astimezone(event.zone))
    component.add("dtend", meeting.ends_at.astimezone(event.zone))
    component.add("summary", _("Meeting with %(name)s") % {"name": other} + f" · {event.title}")
    component.add("url", url)
    if event.venue:
        component.add("location", event.venue)
    component.add("description", f"{meeting.message}\n\n{url}".strip())
    return component


def _calendar(*, name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _component(event, *, url, online_link):
    component = CalendarEvent()
    host = urlsplit(settings.SITE_URL).netloc
    component.add("uid", f"event-{event.pk}@{host}")
    component.add("dtstamp", timezone.now())
    component.add("dtstart", event.starts_at.astimezone(event.zone))
    component.add("dtend", event.ends_at.astimezone(event.zone))
    component.add("summary", event.title)
    component.add("url", url)
    location = ", ".join(part for part in (event.venue, event.address) if part)
    if event.is_online and online_link:
        location = f"{location} · {event.online_url}" if location else event.online_url
    if location:
        component.add("location", location)
    description = event.description[:2000]
    component.add("description", f"{description}\n\n{url}".strip())
    return component
