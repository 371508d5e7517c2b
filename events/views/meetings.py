"""People to meet at an event, 1:1 meeting requests and the attendee's agenda; the
"people you met" section of profiles."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.prepared import ID, ID_LIST, Prepared
from common.ratelimit import rate_limited
from events import matchmaking, permissions
from events.forms.meetings import MeetingRequestForm
from events.models import Meeting
from events.services import meetings as services
from events.views._common import my_registration, viewable_event
from members.models import Profile


def _people_context(request, event, registration):
    attending = registration is not None and registration.is_confirmed
    mine = _with_the_others(_MY_MEETINGS(event=event.pk, user=request.user.pk), request.user)
    now = timezone.now()
    is_past = event.is_past(now)
    people = []
    # Once the event is over nobody is suggested (the page says so): none are read.
    if attending and not is_past:
        suggestions = matchmaking.with_details(
            matchmaking.suggestions_for(event, request.user), request.user
        )
        free = _free_slots(event, request.user, mine, [s.user_id for s in suggestions], now)
        people = [(suggestion, free[suggestion.user_id]) for suggestion in suggestions]
    me = request.user.pk
    open_ = Meeting.Status.REQUESTED
    return {
        "event": event,
        "registration": registration,
        "attending": attending,
        "people": people,
        "accepted": [
            (m, m.other(request.user).profile) for m in mine if m.status == Meeting.Status.ACCEPTED
        ],
        "incoming": [m for m in mine if m.status == open_ and m.invitee_id == me],
        "outgoing": [
            m for m in mine if m.requester_id == me and m.status in (open_, Meeting.Status.DECLINED)
        ],
        "now": now,
        "is_past": is_past,
        "message_length": services.MESSAGE_LENGTH,
    }


def _with_the_others(meetings, user):
    """The meetings with the other person's account and profile, read in one query when
    there is a meeting (the page names only the other person). Joined to the meetings
    (both people, their accounts and profiles), they cost some 5,000 Python calls to build,
    meetings or not."""
    others = {
        meeting.invitee_id if meeting.requester_id == user.pk else meeting.requester_id
        for meeting in meetings
    }
    if not others:
        return meetings
    accounts = {profile.user_id: profile.user for profile in _PROFILES(users=list(others))}
    for meeting in meetings:
        if meeting.requester_id == user.pk:
            if meeting.invitee_id in accounts:
                meeting.invitee = accounts[meeting.invitee_id]
        elif meeting.requester_id in accounts:
            meeting.requester = accounts[meeting.requester_id]
    return meetings


# The page's queries, compiled once per process (common.prepared).
_MY_MEETINGS = Prepared(
    lambda event, user: (
        Meeting.objects.filter(event=event).involving(user).order_by("starts_at", "pk")
    ),
    event=ID,
    user=ID,
)
_PROFILES = Prepared(
    lambda users: Profile.objects.select_related("user").filter(user_id__in=users), users=ID_LIST
)
_ACCEPTED_WITH = Prepared(
    lambda event, people: (
        Meeting.objects.accepted()
        .filter(Q(requester_id__in=people) | Q(invitee_id__in=people), event=event)
        .values_list("requester_id", "invitee_id", "starts_at", "ends_at")
    ),
    event=ID,
    people=ID_LIST,
)


def _free_slots(event, user, mine, others, now):
    """{user id: [slot start]}: the future slots where neither I nor they have an accepted
    meeting. One query for their accepted meetings at this event."""
    slots = [start for start, _end in services.meeting_slots(event) if start > now]
    busy = {}
    for meeting in mine:
        if meeting.status == Meeting.Status.ACCEPTED:
            busy.setdefault(user.pk, []).append((meeting.starts_at, meeting.ends_at))
    for *people, starts_at, ends_at in _ACCEPTED_WITH(event=event.pk, people=list(others)):
        for person in people:
            busy.setdefault(person, []).append((starts_at, ends_at))
    length = timedelta(minutes=event.meeting_minutes)

    def free(person, start):
        end = start + length
        return not any(s < end and e > start for s, e in busy.get(person, ()))

    mine_free = [start for start in slots if free(user.pk, start)]
    return {other: [start for start in mine_free if free(other, start)] for other in others}


@login_required
def people(request, slug):
    """Confirmed attendees of an event with meetings on; staff see it read-only unless
    they are registered."""
    event = viewable_event(request, slug)
    registration = my_registration(request.user, event)
    permissions.check_meetings_permission(request.user, event, registration=registration)
    context = _people_context(request, event, registration)
    context["form"] = MeetingRequestForm()
    return render(request, "events/meetings/people.html", context)


@login_required
@require_POST
@rate_limited("meeting_request")
def meeting_request(request, slug):
    """Confirmed attendees: ask another attendee for a meeting."""
    event = viewable_event(request, slug)
    permissions.check_meetings_permission(request.user, event)
    form = MeetingRequestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("events:people", slug=event.slug)
    invitee = get_user_model().objects.filter(pk=form.cleaned_data["invitee"]).first()
    if invitee is None:
        messages.error(request, _("This person cannot be asked for a meeting at this event."))
        return redirect("events:people", slug=event.slug)
    try:
        services.request_meeting(
            event=event,
            requester=request.user,
            invitee=invitee,
            starts_at=form.cleaned_data["starts_at"],
            message=form.cleaned_data["message"],
        )
    except services.MeetingRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Your request is sent to %(name)s. You will be told of the answer.")
            % {"name": invitee.profile.name},
        )
    return redirect("events:people", slug=event.slug)


ACTIONS = {
    "accept": (services.accept, gettext_lazy("The meeting is in both your agendas.")),
    "decline": (services.decline, gettext_lazy("The request is declined.")),
    "cancel": (services.cancel, gettext_lazy("The meeting is cancelled.")),
}


@login_required
@require_POST
@rate_limited("meeting_answer")
def meeting_action(request, slug, pk, action):
    """The invitee accepts or declines; either person cancels (see services.meetings)."""
    event = viewable_event(request, slug)
    permissions.check_meetings_permission(request.user, event)
    if action not in ACTIONS:
        raise Http404
    meeting = get_object_or_404(Meeting.objects.filter(event=event).involving(request.user), pk=pk)
    change, done = ACTIONS[action]
    try:
        change(meeting=meeting, by=request.user)
    except services.MeetingRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect("events:people", slug=event.slug)


@login_required
@require_POST
@rate_limited("meeting_answer")
def suggest_me(request, slug):
    """The registered attendee: whether others see them among the people to meet."""
    event = viewable_event(request, slug)
    registration = my_registration(request.user, event)
    permissions.check_meetings_permission(request.user, event, registration=registration)
    permissions.check_suggest_me_permission(request.user, registration)
    wanted = request.POST.get("suggest_me") == "on"
    services.set_suggest_me(registration=registration, suggest_me=wanted)
    messages.success(
        request,
        _("Other attendees may see you among the people to meet.")
        if wanted
        else _("You are no longer suggested to other attendees."),
    )
    return redirect("events:people", slug=event.slug)


def people_met_section(viewer, profile):
    """The profile's "people met at events" section (registered in events.apps)."""
    people = matchmaking.people_met(profile.user, viewer)
    if not people:
        return ""
    is_own = viewer.is_authenticated and viewer.pk == profile.user_id
    return render_to_string(
        "events/meetings/_people_met.html",
        {"people": people, "is_own": is_own, "profile": profile, "viewer": viewer},
    )
