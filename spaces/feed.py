"""What spaces add to a member's home feed: new discussions and answered questions in
the spaces they belong to. Three queries, whatever the number of items."""

from functools import lru_cache

from django.utils.translation import gettext as _

from analytics.feed import FeedItem
from common.markdown import plain_excerpt
from common.prepared import ID, ID_LIST, MOMENT, Prepared
from common.urls import reverser
from members.queries import person_columns, person_name_from_columns
from spaces.models import Membership, Thread


def feed_items(user, *, before, limit):
    # The member's spaces as a list, not a subquery: with a subquery PostgreSQL misjudges how
    # many answered questions match and sorts them all (about 200 ms at 1,000 spaces); with
    # the ids it walks the newest answers' index (a few ms).
    spaces = _MY_SPACES(user=user.pk)
    link = reverser()
    new_question, new_discussion, answered = (
        _("New question"),
        _("New discussion"),
        _("Question answered"),
    )
    # Each query joins only the people it names and reads only the columns an item shows
    # (an excerpt's Markdown source, not the rendered posts), as rows: built and compiled
    # once per process (common.prepared), they cost what PostgreSQL takes to answer.
    items = [
        FeedItem(
            kind="question" if kind == Thread.Kind.QUESTION else "thread",
            at=created_at,
            title=title,
            url=link("spaces:thread", space_slug, pk),
            summary=plain_excerpt(body, 180),
            actor=person_name_from_columns(user, person, as_author=True),
            place=space_name,
            place_url=link("spaces:detail", space_slug),
            label=new_question if kind == Thread.Kind.QUESTION else new_discussion,
        )
        for pk, kind, created_at, title, body, space_name, space_slug, *person in _started(limit)(
            spaces=spaces, before=before
        )
    ]
    items += [
        FeedItem(
            kind="answer",
            at=answered_at,
            title=title,
            url=f"{link('spaces:thread', space_slug, pk)}#reply-{reply_id}",
            summary=plain_excerpt(body, 180),
            actor=person_name_from_columns(user, person, as_author=True),
            place=space_name,
            place_url=link("spaces:detail", space_slug),
            label=answered,
        )
        for pk, answered_at, title, reply_id, body, space_name, space_slug, *person in _answered(
            limit
        )(spaces=spaces, before=before)
    ]
    return items


_MY_SPACES = Prepared(
    lambda user: Membership.objects.filter(user=user, state=Membership.State.ACTIVE).values_list(
        "space_id", flat=True
    ),
    user=ID,
)


def _threads(spaces):
    return Thread.objects.shown().filter(space__in=spaces, deleted_at=None)


@lru_cache(maxsize=8)
def _started(limit):
    return Prepared(
        lambda spaces, before: _threads(spaces)
        .filter(created_at__lt=before)
        .order_by("-created_at")
        .values_list(
            "pk", "kind", "created_at", "title", "body", "space__name", "space__slug",
            *person_columns("author"),
        )[:limit],
        spaces=ID_LIST,
        before=MOMENT,
    )  # fmt: skip


@lru_cache(maxsize=8)
def _answered(limit):
    return Prepared(
        lambda spaces, before: _threads(spaces)
        .filter(
            answered_at__lt=before,
            accepted_reply__isnull=False,
            accepted_reply__is_hidden=False,
            accepted_reply__deleted_at=None,
        )
        .order_by("-answered_at")
        .values_list(
            "pk", "answered_at", "title", "accepted_reply_id", "accepted_reply__body",
            "space__name", "space__slug",
            *person_columns("accepted_reply__author"),
        )[:limit],
        spaces=ID_LIST,
        before=MOMENT,
    )  # fmt: skip
