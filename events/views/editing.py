"""Staff: create and change an event on the site, with its registration questions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.ratelimit import rate_limited
from events import permissions
from events.forms.editing import EventForm, QuestionFormSet
from events.models import Event
from events.services import editing
from events.services.registration import promotion_message
from events.views._common import viewable_event


@login_required
@rate_limited("staff_action")
def event_create(request):
    """Staff: a new event (published at once, or a draft only staff see)."""
    permissions.check_manage_permission(request.user)
    return _edit(request, Event())


@login_required
@rate_limited("staff_action")
def event_edit(request, slug):
    """Staff: change an event; seats freed by the change go to the waiting list, in order."""
    event = viewable_event(request, slug)
    permissions.check_manage_permission(request.user, event)
    return _edit(request, event)


def _edit(request, event):
    is_new = event.pk is None
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = EventForm(data, files, instance=event)
    questions = QuestionFormSet(data, instance=event, prefix="questions")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        with transaction.atomic():
            changed = questions.save(commit=False)
            promoted = editing.save_event(
                event=form.save(commit=False),
                by=request.user,
                interests=form.cleaned_data["interests"],
                tiers=form.cleaned_data["tiers"],
                questions=changed,
                removed_questions=questions.deleted_objects,
            )
        messages.success(
            request, _("The event is created.") if is_new else _("The event is saved.")
        )
        if promoted:
            messages.info(request, promotion_message(promoted))
        return redirect(event)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/staff/event_form.html",
        {"form": form, "questions": questions, "event": event, "is_new": is_new},
        status=status,
    )
