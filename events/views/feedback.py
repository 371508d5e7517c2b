"""After the event: attendees give their feedback; staff read the summary."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.ratelimit import rate_limited
from events import permissions
from events.forms.feedback import FeedbackForm
from events.models import Feedback
from events.services.reminders import FeedbackRefused, give_feedback
from events.views._common import my_registration, viewable_event


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("feedback")
def feedback(request, slug):
    """The member with a confirmed registration, once the event has started: their own
    feedback, given or changed (one per registration)."""
    event = viewable_event(request, slug)
    registration = my_registration(request.user, event)
    permissions.check_feedback_permission(request.user, event, registration)
    context = {"event": event, "not_yet": event.starts_at > timezone.now()}
    if context["not_yet"]:
        return render(request, "events/feedback/form.html", context)
    existing = Feedback.objects.filter(registration=registration).first()
    form = FeedbackForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            _feedback, created = give_feedback(registration=registration, **form.cleaned_data)
        except FeedbackRefused as refusal:
            messages.error(request, refusal.message)
            return redirect(event)
        messages.success(
            request,
            _("Thank you for your feedback.") if created else _("Your feedback is updated."),
        )
        return redirect("events:feedback", slug=event.slug)
    context.update(form=form, existing=existing)
    return render(
        request,
        "events/feedback/form.html",
        context,
        status=400 if form.is_bound else 200,
    )


@login_required
def feedback_summary(request, slug):
    """Staff: the ratings of an event, their spread, and the comments."""
    event = viewable_event(request, slug)
    permissions.check_feedback_summary_permission(request.user, event)
    given = Feedback.objects.filter(registration__event=event)
    totals = given.aggregate(
        count=Count("pk"),
        average=Avg("rating"),
        recommend=Count("pk", filter=Q(would_recommend=True)),
        **{f"rated_{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)},
    )
    count = totals["count"]
    distribution = [
        {
            "rating": n,
            "count": totals[f"rated_{n}"],
            "percent": _percent(totals[f"rated_{n}"], count),
        }
        for n in range(5, 0, -1)
    ]
    comments = (
        given.exclude(comment="")
        .select_related("registration__user__profile")
        .order_by("-updated_at")
    )
    return render(
        request,
        "events/feedback/summary.html",
        {
            "event": event,
            "count": count,
            "average": totals["average"],
            "recommend_percent": _percent(totals["recommend"], count),
            "distribution": distribution,
            "comments": comments,
        },
    )


def _percent(part, whole):
    return round(100 * part / whole) if whole else 0
