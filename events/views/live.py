"""The live page of an event: questions to the speakers and polls, updated over a socket.

Every action is a plain POST form that redirects back, so the page works without
JavaScript; with it, HTMX posts the same forms and swaps in the part that changed, and
events/consumers.py pushes what others changed. A past event's page is its record:
the questions (hidden ones left out) and the closed polls' results, read-only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.prepared import ID, SHAPE, VIEWER, Prepared
from common.ratelimit import rate_limited
from events import permissions, queries
from events.forms.live import LiveQuestionForm, PollForm
from events.models import LiveQuestion, LiveQuestionVote, Poll, PollChoice, PollVote
from events.services import live as services
from events.views._common import (
    viewable_event,
    viewable_event_and_registration,
)

PARTS = ("questions", "polls")


@login_required
def live(request, slug):
    """Confirmed attendees and staff. `?part=questions|polls` from HTMX: that part alone."""
    event, registration = viewable_event_and_registration(request, slug)
    permissions.check_live_permission(request.user, event, registration=registration)
    part = request.GET.get("part")
    if request.htmx and part in PARTS:
        return render(request, f"events/live/_{part}.html", _context(request, event))
    context = _context(request, event)
    context.update(
        question_form=LiveQuestionForm(),
        poll_form=PollForm(),
        socket_url=f"/ws/events/{event.slug}/live/",
        texts=_texts(),
    )
    return render(request, "events/live/live.html", context)


@login_required
@require_POST
@rate_limited("live_question")
def ask(request, slug):
    """Confirmed attendees and staff, until the event is over."""
    event = viewable_event(request, slug)
    permissions.check_live_permission(request.user, event)
    form = LiveQuestionForm(request.POST)
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _answer(request, event, "questions", error=error)
    try:
        services.ask_question(event=event, user=request.user, body=form.cleaned_data["body"])
    except services.LiveRefused as refusal:
        return _answer(request, event, "questions", error=refusal.message)
    return _answer(request, event, "questions", notice=_("Your question is in the list."))


@login_required
@require_POST
@rate_limited("live_vote")
def upvote(request, slug, pk):
    """Confirmed attendees and staff, once per question, not their own."""
    event = viewable_event(request, slug)
    permissions.check_live_permission(request.user, event)
    question = _question(request, event, pk)
    try:
        services.upvote(question=question, user=request.user)
    except services.LiveRefused as refusal:
        return _answer(request, event, "questions", error=refusal.message)
    return _answer(request, event, "questions")


@login_required
@require_POST
@rate_limited("staff_action")
def answer(request, slug, pk):
    """Staff: the speakers answered this question."""
    return _moderate(request, slug, pk, services.mark_answered)


@login_required
@require_POST
@rate_limited("staff_action")
def hide(request, slug, pk):
    """Staff: hide this question from the members."""
    return _moderate(request, slug, pk, services.hide_question)


def _moderate(request, slug, pk, action):
    event = viewable_event(request, slug)
    permissions.check_live_moderate_permission(request.user, event)
    action(question=_question(request, event, pk), by=request.user)
    return _answer(request, event, "questions")


@login_required
@require_POST
@rate_limited("live_vote")
def vote(request, slug, pk):
    """Confirmed attendees and staff, once per poll, while it is open."""
    event = viewable_event(request, slug)
    permissions.check_live_permission(request.user, event)
    poll = _poll(request, event, pk)
    choice_id = request.POST.get("choice", "")
    choice = PollChoice.objects.filter(pk=choice_id).first() if choice_id.isdigit() else None
    try:
        services.vote(poll=poll, choice=choice, user=request.user)
    except services.LiveRefused as refusal:
        return _answer(request, event, "polls", error=refusal.message)
    return _answer(request, event, "polls", notice=_("Your vote is counted."))


@login_required
@require_POST
@rate_limited("staff_action")
def create_poll(request, slug):
    """Staff: a draft poll, which attendees see once it is opened."""
    event = viewable_event(request, slug)
    permissions.check_live_moderate_permission(request.user, event)
    form = PollForm(request.POST)
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _answer(request, event, "polls", error=error)
    try:
        services.create_poll(
            event=event,
            question=form.cleaned_data["question"],
            choices=form.cleaned_data["choices"].splitlines(),
            by=request.user,
        )
    except services.LiveRefused as refusal:
        return _answer(request, event, "polls", error=refusal.message)
    return _answer(
        request, event, "polls", notice=_("The poll is ready: open it when the time comes.")
    )


@login_required
@require_POST
@rate_limited("staff_action")
def open_poll(request, slug, pk):
    """Staff: attendees may vote from now on."""
    return _run_poll(request, slug, pk, services.open_poll)


@login_required
@require_POST
@rate_limited("staff_action")
def close_poll(request, slug, pk):
    """Staff: no more votes, the results are final."""
    return _run_poll(request, slug, pk, services.close_poll)


def _run_poll(request, slug, pk, action):
    event = viewable_event(request, slug)
    permissions.check_live_moderate_permission(request.user, event)
    try:
        action(poll=_poll(request, event, pk), by=request.user)
    except services.LiveRefused as refusal:
        return _answer(request, event, "polls", error=refusal.message)
    return _answer(request, event, "polls")


def _question(request, event, pk):
    questions = permissions.visible_live_questions(request.user, event.live_questions.all())
    return get_object_or_404(questions.select_related("event"), pk=pk)


def _poll(request, event, pk):
    polls = permissions.visible_polls(request.user, event.polls.all())
    return get_object_or_404(polls.select_related("event"), pk=pk)


def _answer(request, event, part, *, notice=None, error=None):
    """HTMX: the part that changed, with the notice or error inside it. Otherwise the
    message and back to the page, at that part."""
    if request.htmx:
        context = _context(request, event)
        context.update(notice=notice, error=error)
        response = render(request, f"events/live/_{part}.html", context)
        if error is None:
            response["HX-Trigger"] = "live-saved"
        return response
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    return redirect(reverse("events:live", args=[event.slug]) + f"#live-{part}")


def _context(request, event):
    """Both parts of the page, each in a constant number of queries."""
    user = request.user
    is_past = event.is_past()
    questions = _QUESTIONS(viewer=user, event=event.pk, past=is_past)
    polls = services.with_results(_POLLS(viewer=user, event=event.pk, past=is_past))
    by_status = {status: [] for status in LiveQuestion.Status.values}
    for question in questions:
        by_status[question.status].append(question)
    return {
        "event": event,
        "is_past": is_past,
        "is_staff": permissions.is_staff(user),
        "open_questions": by_status[LiveQuestion.Status.OPEN],
        "answered_questions": by_status[LiveQuestion.Status.ANSWERED],
        "hidden_questions": by_status[LiveQuestion.Status.HIDDEN],
        "polls": polls,
    }


def _questions(viewer, event, past):
    """The questions the viewer may see, with the columns the page shows, of them and of
    their authors; whether the member upvoted one, while they still may."""
    questions = permissions.visible_live_questions(viewer, LiveQuestion.objects.filter(event=event))
    if past:
        questions = questions.exclude(status=LiveQuestion.Status.HIDDEN)
    questions = questions.select_related("author__profile").only(
        "event", "body", "status", "votes", "author", *queries.person_columns("author")
    )
    if past:
        return questions
    return questions.annotate(
        upvoted=Exists(LiveQuestionVote.objects.filter(question=OuterRef("pk"), user=viewer))
    )


def _polls(viewer, event, past):
    polls = permissions.visible_polls(viewer, Poll.objects.filter(event=event))
    if past:
        polls = polls.filter(status=Poll.Status.CLOSED)
    return polls.annotate(
        my_choice=Subquery(
            PollVote.objects.filter(poll=OuterRef("pk"), user=viewer).values("choice_id")[:1]
        )
    )


# Compiled once per kind of viewer and for an event under way or over (common.prepared).
# One plan fits an event of a few questions or many: all of them are read, by the event's
# index, their authors by key, and the member's upvotes once (a hash of them). On the large
# data set: 0.97 ms for 60 questions under the generic plan, against 1.0 ms plus 1.8 ms of
# planning for the plan made for the values.
_QUESTIONS = Prepared(_questions, viewer=VIEWER, event=ID, past=SHAPE)
_POLLS = Prepared(_polls, viewer=VIEWER, event=ID, past=SHAPE)


def _texts():
    """What event_live.js writes when results change, in the reader's language; __n__
    stands for the number."""
    return {
        "vote_one": ngettext("%(counter)s vote", "%(counter)s votes", 1) % {"counter": "__n__"},
        "vote_other": ngettext("%(counter)s vote", "%(counter)s votes", 2) % {"counter": "__n__"},
        "percent": _("%(percent)s%%") % {"percent": "__n__"},
        "updated": _("Results updated: %(poll)s") % {"poll": "__poll__"},
        "connected": _("Live updates on."),
        "reconnecting": _("Connection lost, reconnecting…"),
    }
