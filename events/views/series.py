"""Staff: repeat an event as a series of dates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from common.ratelimit import rate_limited
from events import permissions
from events.forms.series import RepeatForm
from events.services import series
from events.views._common import viewable_event


@login_required
@rate_limited("staff_action")
def repeat(request, slug):
    """Staff: the form, and the new dates it makes."""
    event = viewable_event(request, slug)
    permissions.check_manage_permission(request.user, event)
    form = RepeatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = series.repeat_event(
                event=event,
                frequency=form.cleaned_data["frequency"],
                count=form.cleaned_data["count"],
                by=request.user,
            )
        except series.SeriesRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d more date was added to the series.",
                    "%(count)d more dates were added to the series.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return redirect(event)
    status = 400 if request.method == "POST" else 200
    dates = event.series.events.order_by("starts_at") if event.series_id else []
    return render(
        request, "events/repeat.html", {"event": event, "form": form, "dates": dates}, status=status
    )
