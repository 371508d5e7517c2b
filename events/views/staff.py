"""Staff pages: attendees (and their CSV), registering someone, the check-in desk."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.ratelimit import rate_limited
from events import permissions, services
from events.forms.staff import CheckInSearchForm, StaffRegistrationForm
from events.models import Registration
from events.views._common import viewable_event

SEARCH_RESULTS = 20


@login_required
def attendees(request, slug):
    """Staff: everyone registered, waiting or cancelled; ?format=csv downloads the list."""
    event = viewable_event(request, slug)
    permissions.check_manage_permission(request.user, event)
    registrations = event.registrations.select_related("user__profile").order_by(
        "status", "waitlisted_at", "created_at"
    )
    if request.GET.get("format") == "csv":
        return _csv(event, registrations)
    counts = {
        "registered": sum(1 for r in registrations if r.is_confirmed),
        "seats": sum(r.seats for r in registrations if r.is_confirmed),
        "checked_in": sum(1 for r in registrations if r.is_confirmed and r.checked_in_at),
        "waitlisted": sum(1 for r in registrations if r.is_waitlisted),
    }
    counts["no_show"] = counts["registered"] - counts["checked_in"] if event.is_past() else None
    return render(
        request,
        "events/attendees.html",
        {
            "event": event,
            "registrations": registrations,
            "counts": counts,
            "form": StaffRegistrationForm(),
        },
    )


def _csv(event, registrations):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-attendees.csv"'
    response.write("\ufeff")  # spreadsheet programs read the accents right
    writer = csv.writer(response)
    questions = list(event.questions.all())
    writer.writerow(
        [
            _("Name"),
            _("Email"),
            _("Status"),
            _("Guests"),
            _("Registered at"),
            _("Checked in at"),
            _("Ticket code"),
        ]
        + [question.label for question in questions]
    )
    for registration in registrations:
        answers = registration.answers or {}
        writer.writerow(
            [
                _safe(registration.user.profile.name),
                registration.user.email,
                registration.get_status_display(),
                registration.guests,
                timezone.localtime(registration.created_at).isoformat(timespec="minutes"),
                timezone.localtime(registration.checked_in_at).isoformat(timespec="minutes")
                if registration.checked_in_at
                else "",
                registration.ticket_code,
            ]
            + [_safe(answers.get(str(q.pk), {}).get("answer", "")) for q in questions]
        )
    return response


def _safe(value):
    """Cells that a spreadsheet would run as a formula start with a quote instead."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
@require_POST
@rate_limited("staff_action")
def staff_register(request, slug):
    """Staff register a member (the registration window does not bind them)."""
    event = viewable_event(request, slug)
    permissions.check_manage_permission(request.user, event)
    form = StaffRegistrationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("events:attendees", slug=event.slug)
    if form.cleaned_data["guests"] > event.max_guests:
        messages.error(
            request, _("At most %(count)s guests for this event.") % {"count": event.max_guests}
        )
        return redirect("events:attendees", slug=event.slug)
    try:
        registration = services.register(
            event=event, user=form.member, guests=form.cleaned_data["guests"], by=request.user
        )
    except services.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("%(name)s: %(status)s.")
            % {"name": form.member.profile.name, "status": registration.get_status_display()},
        )
    return redirect("events:attendees", slug=event.slug)


@login_required
@rate_limited("staff_action")
def check_in_desk(request, slug):
    """Staff, on a phone at the door: find a ticket by its code or the member's name."""
    event = viewable_event(request, slug)
    permissions.check_manage_permission(request.user, event)
    form = CheckInSearchForm(request.GET or None)
    results = []
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        results = (
            event.registrations.active()
            .filter(
                Q(ticket_code=query.upper().replace(" ", ""))
                | Q(user__profile__display_name__icontains=query)
                | Q(user__email__iexact=query)
            )
            .select_related("user__profile")
            .order_by("user__profile__display_name")[:SEARCH_RESULTS]
        )
    confirmed = event.registrations.confirmed()
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "form": form,
            "results": results,
            "searched": form.is_bound,
            "checked_in": confirmed.filter(checked_in_at__isnull=False).count(),
            "registered": confirmed.count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("staff_action")
def check_in(request, slug, code):
    """Staff: the page a ticket's QR code opens; POST checks the attendee in (twice is once).
    A code of another event is refused with the reason."""
    event = viewable_event(request, slug)
    permissions.check_manage_permission(request.user, event)
    registration = (
        Registration.objects.select_related("user__profile", "event")
        .filter(ticket_code=code.upper())
        .first()
    )
    error = None
    if registration is None:
        error = _("No ticket has this code.")
    elif registration.event_id != event.pk:
        error = _("This ticket is for another event: “%(event)s”.") % {
            "event": registration.event.title
        }
    if error:
        return render(
            request,
            "events/check_in_ticket.html",
            {"event": event, "error": error},
            status=404 if registration is None else 409,
        )
    if request.method == "POST":
        try:
            _registration, newly = services.check_in(registration=registration, by=request.user)
        except services.RegistrationRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("events:check_in", slug=event.slug, code=registration.ticket_code)
        name = registration.user.profile.name
        if newly:
            messages.success(request, _("%(name)s is checked in.") % {"name": name})
        else:
            messages.info(request, _("%(name)s was already checked in.") % {"name": name})
        return redirect("events:check_in_desk", slug=event.slug)
    return render(
        request, "events/check_in_ticket.html", {"event": event, "registration": registration}
    )
