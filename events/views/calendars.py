"""Calendar files: one event's .ics, and each member's secret subscription feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.ratelimit import rate_limited
from events import calendars, permissions, services
from events.models import CalendarFeed
from events.views._common import my_registration, viewable_event

ICS = "text/calendar; charset=utf-8"


def event_ics(request, slug):
    """Anyone in the event's audience; the online link only for registered attendees."""
    event = viewable_event(request, slug)
    registration = my_registration(request.user, event)
    body = calendars.event_calendar(
        event,
        url=request.build_absolute_uri(event.get_absolute_url()),
        online_link=permissions.can_see_online_link(request.user, event, registration),
    )
    response = HttpResponse(body, content_type=ICS)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def member_feed(request, token):
    """Whoever holds the secret address (a calendar app, signed in or not): the member's
    registered events. A revoked or unknown token: 404."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    permissions.check_feed_permission(feed)
    body = calendars.member_calendar(feed.user, absolute=request.build_absolute_uri)
    return HttpResponse(body, content_type=ICS)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("settings")
def my_calendar(request):
    """The signed-in member: their subscription address, and a button to revoke it."""
    if request.method == "POST":
        services.renew_calendar_feed(request.user)
        messages.success(
            request, _("Your calendar has a new address; the old one no longer works.")
        )
        return redirect("events:my_calendar")
    feed = services.calendar_feed(request.user)
    url = request.build_absolute_uri(reverse("events:feed", args=[feed.token]))
    return render(
        request,
        "events/my_calendar.html",
        {
            "feed_url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[-1],
            "registrations": request.user.event_registrations.active()
            .select_related("event")
            .order_by("event__starts_at"),
            "is_staff": permissions.is_staff(request.user),
        },
    )
