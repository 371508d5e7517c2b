"""Members' pages: find events, read one, register, cancel, show the ticket."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.markdown import render_markdown
from common.pagination import CachedCountPaginator
from common.prepared import DAY, ID, MOMENT, SHAPE, VIEWER, Prepared
from common.ratelimit import rate_limited
from events import permissions, queries, services, tickets
from events.forms.pages import EventFilterForm, RegistrationForm
from events.models import Event, WorkshopTable
from events.views._common import (
    my_registration,
    viewable_event,
    viewable_event_and_registration,
)

EVENTS_PER_PAGE = 12
# Asked in the registration form (the page reads the questions only when it shows the
# form: a registered member's page does not).
PAGE_RELATIONS = ("questions",)


def event_list(request):
    """Anyone: the events they may see, upcoming (or past), filtered; for a member, the
    events recommended by their interests."""
    past = request.GET.get("when") == "past"
    now, today = timezone.now(), timezone.localdate()
    form = EventFilterForm(request.GET or None, offered=())  # what it offers: read below
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}

    def events():
        visible = _visible_cards(request.user, today)
        listed = visible.past(now) if past else visible.upcoming(now)
        if filters:
            listed = queries.filtered(listed, filters)
        listed = listed.order_by("-starts_at" if past else "starts_at")
        return queries.with_records(listed) if past else listed

    # Who may see which event depends on the viewer (spaces, tiers): the total is kept a
    # minute per viewer and filters, the page itself is always read; the list most visits
    # read (upcoming, unfiltered) by queries compiled once (common.prepared).
    unfiltered = not past and not any(filters.values())
    paginator = CachedCountPaginator(
        events,
        EVENTS_PER_PAGE,
        key_parts=(
            "events",
            request.user.pk,
            past,
            *sorted((k, str(getattr(v, "pk", v))) for k, v in filters.items()),
        ),
        rows=(
            lambda bottom, top: queries.cards_from_rows(
                _UPCOMING_PAGE(viewer=request.user, now=now, today=today, bottom=bottom, top=top)
            )
        )
        if unfiltered
        else None,
    )
    # The versions the list's facts are kept under, the interests its filter offers and its
    # kept total: one cache read, where each took its own (some 200 Python calls each).
    current, kept = queries.list_reads(request.user, [paginator.count_key])
    form.fields["interest"].offered = queries.interest_choices(kept)
    if paginator.count_key in kept:
        paginator.count = kept[paginator.count_key]  # its cached_property, found already
    page = paginator.get_page(request.GET.get("page"))
    recommended = (
        []
        if past
        else _RECOMMENDED(viewer=request.user, now=now, today=today)
        if request.user.is_authenticated
        else []
    )
    # Their interests, seats, waiting lists and the member's registrations, for both lists
    # at once (kept in the cache for the most part).
    page.object_list = list(page.object_list)
    queries.with_facts(page.object_list + recommended, request.user, limit=5, current=current)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/event_list.html",
        {
            "page": page,
            "form": form,
            "past": past,
            "recommended": recommended,
            "query_string": query.urlencode(),
        },
    )


def _visible_cards(viewer, today):
    return permissions.visible_events(viewer, queries.for_cards(Event.objects.all()), today=today)


_UPCOMING_PAGE = Prepared(
    lambda viewer, now, today, bottom, top: (
        _visible_cards(viewer, today)
        .upcoming(now)
        .order_by("starts_at")
        .values_list(*queries.CARD_ROW)[bottom:top]
    ),
    viewer=VIEWER,
    now=MOMENT,
    today=DAY,
    bottom=SHAPE,
    top=SHAPE,
)
_RECOMMENDED = Prepared(
    lambda viewer, now, today: queries.recommended(
        _visible_cards(viewer, today).upcoming(now), viewer
    ),
    viewer=VIEWER,
    now=MOMENT,
    today=DAY,
)


def event_detail(request, slug):
    """Anyone in the event's audience (see events.permissions)."""
    event, registration = viewable_event_and_registration(request, slug, with_space=True)
    attendees, attendee_count, record = queries.event_page_facts(event, request.user)
    form = None
    if registration is None and request.user.is_authenticated and event.registration_is_open():
        form = RegistrationForm(event=event)
    return render(
        request,
        "events/event_detail.html",
        _detail_context(request, event, registration, form, attendees, attendee_count, record),
    )


def _detail_context(request, event, registration, form, attendees, attendee_count, record):
    """`record`: what the event left once past (events.queries.record_of), else None."""
    taken = event.seats_taken
    return {
        "event": event,
        "description": render_markdown(event.description),
        "registration": registration,
        "form": form,
        "attendees": attendees,
        "attendee_count": attendee_count,
        "seats_taken": taken,
        "seats_left": None if event.capacity is None else max(event.capacity - taken, 0),
        "waitlist_count": event.waitlist_count,
        "show_online_link": permissions.can_see_online_link(request.user, event, registration),
        "is_staff": permissions.is_staff(request.user),
        "registration_open": event.registration_is_open(),
        "event_zone_differs": timezone.get_current_timezone_name() != event.time_zone,
        "now": timezone.now(),
        "series_dates": _series_dates(request.user, event),
        **_during_context(request.user, event, registration, record),
    }


def _during_context(user, event, registration, record):
    """What happens at the event (tables, live Q&A and polls, people to meet, feedback),
    and once it is over, its record. A constant number of queries."""
    staff = permissions.is_staff(user)
    takes_part = staff or (registration is not None and registration.is_confirmed)
    past = event.is_past()
    return {
        "tables": _TABLES(event=event.pk),
        "takes_part": takes_part,
        "can_give_feedback": past and registration is not None and registration.is_confirmed,
        "record": record,
    }


_TABLES = Prepared(
    lambda event: (
        WorkshopTable.objects.filter(event=event)
        .select_related("facilitator__profile")
        .only("event", "theme", "position", "facilitator", *queries.person_columns("facilitator"))
    ),
    event=ID,
)


def _series_dates(user, event, limit=6):
    """The next dates of the event's series that the viewer may see."""
    if not event.series_id:
        return []
    others = Event.objects.filter(series_id=event.series_id).exclude(pk=event.pk)
    return permissions.visible_events(user, others).upcoming().order_by("starts_at")[:limit]


@login_required
@require_POST
@rate_limited("registration")
def register(request, slug):
    """Members in the event's audience, while registration is open."""
    event = viewable_event(request, slug, prefetch=PAGE_RELATIONS, with_space=True)
    permissions.check_register_permission(request.user, event)
    form = RegistrationForm(request.POST, event=event)
    if not form.is_valid():
        attendees, count, record = queries.event_page_facts(event, request.user)
        context = _detail_context(request, event, None, form, attendees, count, record)
        return render(request, "events/event_detail.html", context, status=400)
    try:
        registration = services.register(
            event=event,
            user=request.user,
            guests=form.cleaned_data.get("guests") or 0,
            answers=form.answers(),
            is_listed=form.cleaned_data["is_listed"],
        )
    except services.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(event)
    if registration.is_confirmed:
        messages.success(request, _("You are registered. Your ticket is below."))
        return redirect("events:ticket", slug=event.slug)
    messages.info(
        request,
        _("The event is full: you are on the waiting list. We will tell you if a seat frees up."),
    )
    return redirect(event)


@login_required
@require_POST
@rate_limited("registration")
def cancel(request, slug):
    """The registered member."""
    event = viewable_event(request, slug)
    registration = my_registration(request.user, event)
    if registration is None:
        messages.info(request, _("You were not registered."))
        return redirect(event)
    try:
        services.cancel(registration=registration)
    except services.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(event)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


@login_required
def ticket(request, slug):
    """The registered member: their ticket, with its QR code for the door."""
    event = viewable_event(request, slug)
    registration = my_registration(request.user, event)
    if registration is None:
        messages.info(request, _("You have no ticket for this event yet."))
        return redirect(event)
    check_in_url = request.build_absolute_uri(
        reverse("events:check_in", args=[event.slug, registration.ticket_code])
    )
    return render(
        request,
        "events/ticket.html",
        {
            "event": event,
            "registration": registration,
            "qr": tickets.qr_svg(check_in_url) if registration.is_confirmed else "",
            "show_online_link": permissions.can_see_online_link(request.user, event, registration),
        },
    )
