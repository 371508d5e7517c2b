"""Live questions and polls during an event: ask, upvote, moderate; open a poll, vote, close it.

Every change records its activity inside the transaction and, once committed, tells the
event's live group what changed. Question broadcasts carry no content, only "refresh
the questions": each socket fetches its own list over HTTP, so a hidden question never
reaches a member. Vote broadcasts carry the poll's counts, which every attendee may see.
Who may call what (attendees, staff) is events.permissions' job; these functions guard
the state (a closed poll, a second vote) and say why in LiveRefused.
"""

import json
import logging
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import analytics
from common import relay
from common.prepared import ID_LIST, Prepared
from events.models import LiveQuestion, LiveQuestionVote, Poll, PollChoice, PollVote
from events.services.refusal import Refused

logger = logging.getLogger(__name__)

MAX_CHOICES = 10


class LiveRefused(Refused):
    """A live question or poll action that cannot be done."""


def live_group(event_id):
    return f"event-live-{event_id}"


# --- questions ---


def ask_question(*, event, user, body, now=None):
    """Ask the speakers a question. A double submit returns the first question rather
    than storing it twice."""
    body = " ".join((body or "").split())
    if not body:
        raise LiveRefused(_("Write your question first."))
    if "\x00" in body:  # the view reads the body as sent; PostgreSQL stores no NUL
        raise LiveRefused(_("Null characters are not allowed."))
    limit = LiveQuestion._meta.get_field("body").max_length
    if len(body) > limit:
        raise LiveRefused(_("A question is at most %(max)s characters.") % {"max": limit})
    _refuse_if_over(event, now)
    with transaction.atomic():
        existing = LiveQuestion.objects.filter(event=event, author=user, body=body).first()
        if existing is not None:
            return existing
        question = LiveQuestion.objects.create(event=event, author=user, body=body)
        analytics.record(user, "event.question_asked", question, context=event)
        transaction.on_commit(lambda: broadcast_questions(event.pk))
    return question


def upvote(*, question, user, now=None):
    """Upvote an open question once; returns True when this call counted. The author does
    not upvote their own question. The unique (question, member) row is the last guard:
    the counter moves only with the row that was created."""
    if question.author_id == user.pk:
        raise LiveRefused(_("You asked this question: others upvote it."))
    _refuse_if_over(question.event, now)
    with transaction.atomic():
        locked = LiveQuestion.objects.select_for_update().get(pk=question.pk)
        if locked.status != LiveQuestion.Status.OPEN:
            raise LiveRefused(_("This question is no longer open for upvotes."))
        try:
            with transaction.atomic():
                LiveQuestionVote.objects.create(question=locked, user=user)
        except IntegrityError:
            return False
        LiveQuestion.objects.filter(pk=locked.pk).update(votes=F("votes") + 1)
        analytics.record(user, "event.question_upvoted", locked, context=question.event)
        transaction.on_commit(lambda: broadcast_questions(locked.event_id))
    question.votes = locked.votes + 1
    return True


def mark_answered(*, question, by, now=None):
    """Staff: the speakers answered it. Twice is once."""
    return _set_status(question, LiveQuestion.Status.ANSWERED, by, "event.question_answered", now)


def hide_question(*, question, by, now=None):
    """Staff: off the members' lists (staff still see it). Twice is once."""
    return _set_status(question, LiveQuestion.Status.HIDDEN, by, "event.question_hidden", now)


def _set_status(question, status, by, verb, now):
    with transaction.atomic():
        locked = LiveQuestion.objects.select_for_update().get(pk=question.pk)
        if locked.status == status:
            return locked
        locked.status = status
        locked.moderated_by = by
        if status == LiveQuestion.Status.ANSWERED:
            locked.answered_at = now or timezone.now()
        locked.save(update_fields=["status", "moderated_by", "answered_at"])
        analytics.record(by, verb, locked, context=locked.event)
        transaction.on_commit(lambda: broadcast_questions(locked.event_id))
    return locked


# --- polls ---


def create_poll(*, event, question, choices, by):
    """Staff: a draft poll, seen by staff until they open it. `choices`: labels in order,
    blank ones dropped; two to MAX_CHOICES distinct labels."""
    question = " ".join((question or "").split())
    labels = []
    for label in choices:
        label = " ".join(str(label).split())
        if label and label not in labels:
            labels.append(label)
    if not question:
        raise LiveRefused(_("Write the poll's question."))
    if len(question) > Poll._meta.get_field("question").max_length:
        raise LiveRefused(_("The poll's question is too long."))
    if not 2 <= len(labels) <= MAX_CHOICES:
        raise LiveRefused(
            _("A poll has between 2 and %(max)s different choices, one per line.")
            % {"max": MAX_CHOICES}
        )
    if any(len(label) > PollChoice._meta.get_field("label").max_length for label in labels):
        raise LiveRefused(_("A choice is at most 200 characters."))
    with transaction.atomic():
        position = Poll.objects.filter(event=event).count()
        poll = Poll.objects.create(event=event, question=question, position=position, created_by=by)
        PollChoice.objects.bulk_create(
            PollChoice(poll=poll, label=label, position=index) for index, label in enumerate(labels)
        )
        analytics.record(by, "event.poll_created", poll, context=event)
    return poll


def open_poll(*, poll, by, now=None):
    """Staff: attendees may vote from now on. Twice is once; a closed poll stays closed."""
    _refuse_if_over(poll.event, now)
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        if locked.status == Poll.Status.OPEN:
            return locked
        if locked.status == Poll.Status.CLOSED:
            raise LiveRefused(_("This poll is closed: its results are final."))
        locked.status = Poll.Status.OPEN
        locked.opened_at = now or timezone.now()
        locked.save(update_fields=["status", "opened_at"])
        analytics.record(by, "event.poll_opened", locked, context=locked.event)
        transaction.on_commit(lambda: broadcast_polls(locked.event_id))
    return locked


def close_poll(*, poll, by, now=None):
    """Staff: no more votes; the results are final. Twice is once."""
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        if locked.status == Poll.Status.CLOSED:
            return locked
        locked.status = Poll.Status.CLOSED
        locked.closed_at = now or timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        analytics.record(by, "event.poll_closed", locked, context=locked.event)
        transaction.on_commit(lambda: broadcast_polls(locked.event_id))
    return locked


def vote(*, poll, choice, user, now=None):
    """One vote per member and poll, while the poll is open, for one of its choices.
    The poll's row is locked, so closing and voting never cross; the unique (poll,
    member) row is the last guard against a double submit."""
    if choice is None or choice.poll_id != poll.pk:
        raise LiveRefused(_("Choose one of this poll's answers."))
    _refuse_if_over(poll.event, now)
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        if locked.status == Poll.Status.DRAFT:
            raise LiveRefused(_("This poll is not open yet."))
        if locked.status == Poll.Status.CLOSED:
            raise LiveRefused(_("This poll is closed: votes are no longer counted."))
        if PollVote.objects.filter(poll=locked, user=user).exists():
            raise LiveRefused(_("You already voted in this poll."))
        try:
            with transaction.atomic():
                ballot = PollVote.objects.create(poll=locked, choice=choice, user=user)
        except IntegrityError:
            raise LiveRefused(_("You already voted in this poll.")) from None
        analytics.record(
            user,
            "event.poll_voted",
            ballot,
            context=locked.event,
            data={"poll": locked.pk, "choice": choice.pk},
        )
        transaction.on_commit(lambda: broadcast_results(locked))
    return ballot


@dataclass(frozen=True)
class ChoiceResult:
    choice: PollChoice
    votes: int
    percent: int


@dataclass(frozen=True)
class PollResults:
    total: int
    choices: list

    def as_event(self, poll):
        return {
            "type": "results",
            "poll": poll.pk,
            "total": self.total,
            "choices": [
                {"id": row.choice.pk, "votes": row.votes, "percent": row.percent}
                for row in self.choices
            ],
        }


def with_results(polls):
    """The polls (a queryset or list) with their results (`poll.results`), their choices'
    vote counts read in one query for them all. Prefetched, the same query cost some 1,500
    Python calls more."""
    polls = list(polls)
    choices = {poll.pk: [] for poll in polls}
    if choices:
        for choice in _COUNTED_CHOICES(polls=list(choices)):
            choices[choice.poll_id].append(choice)
    for poll in polls:
        poll.results = _results_of(choices[poll.pk])
    return polls


def results(poll):
    """Votes per choice (in the poll's order) and the total; percentages are rounded and
    0 for a poll without votes. One query."""
    return _results_of(list(_counted(PollChoice.objects.filter(poll=poll))))


def _counted(choices):
    return choices.annotate(vote_count=Count("votes")).order_by("position", "pk")


_COUNTED_CHOICES = Prepared(
    lambda polls: _counted(PollChoice.objects.filter(poll_id__in=polls)), polls=ID_LIST
)


def _results_of(choices):
    total = sum(choice.vote_count for choice in choices)
    return PollResults(
        total=total,
        choices=[
            ChoiceResult(
                choice=choice,
                votes=choice.vote_count,
                percent=round(100 * choice.vote_count / total) if total else 0,
            )
            for choice in choices
        ],
    )


def _refuse_if_over(event, now):
    if event.is_past(now):
        raise LiveRefused(_("This event is over: its questions and polls are a record now."))


# --- broadcasts, once committed ---


def broadcast_questions(event_id):
    _send(live_group(event_id), {"type": "refresh", "part": "questions"})


def broadcast_polls(event_id):
    _send(live_group(event_id), {"type": "refresh", "part": "polls"})


def broadcast_results(poll):
    _send(live_group(poll.event_id), results(poll).as_event(poll))


def _send(group, event):
    """Encoded once for the whole group. The change is committed whatever happens here: a
    channel layer that is down costs the live update, never the member's action."""
    try:
        async_to_sync(get_channel_layer().group_send)(
            group, relay.addressed(group, {"type": "live.event", "text": json.dumps(event)})
        )
    except Exception:
        logger.exception("Live update to %s not sent", group)
