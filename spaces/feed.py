"""What spaces add to a member's home feed: new discussions and answered questions in
the spaces they belong to. Three queries, whatever the number of items."""

from django.utils.translation import gettext as _

from analytics.feed import FeedItem
from common.markdown import plain_excerpt
from members.permissions import name_for
from spaces.models import Membership, Thread


def feed_items(user, *, before, limit):
    # The member's spaces as a list, not a subquery: with a subquery PostgreSQL misjudges how
    # many answered questions match and sorts them all (about 200 ms at 1,000 spaces); with
    # the ids it walks the newest answers' index (a few ms).
    spaces = list(
        Membership.objects.filter(user=user, state=Membership.State.ACTIVE).values_list(
            "space_id", flat=True
        )
    )
    # Each query joins only the people it names (fewer joins: PostgreSQL plans it in a
    # fraction of the time), and reads only the columns an item shows (an excerpt's
    # Markdown source, not the rendered posts): 40 rows of four models, built for each visit.
    threads = Thread.objects.shown().filter(space__in=spaces, deleted_at=None)
    person = ("is_active", "email", "profile__user", "profile__display_name", "profile__visibility")
    started = (
        threads.filter(created_at__lt=before)
        .select_related("space", "author__profile")
        .only(
            "kind", "created_at", "title", "body", "space__name", "space__slug",
            *(f"author__{field}" for field in person),
        )
        .order_by("-created_at")[:limit]
    )  # fmt: skip
    answered = (
        threads.filter(
            answered_at__lt=before,
            accepted_reply__isnull=False,
            accepted_reply__is_hidden=False,
            accepted_reply__deleted_at=None,
        )
        .select_related("space", "accepted_reply__author__profile")
        .only(
            "kind", "answered_at", "title", "accepted_reply_id", "space__name", "space__slug",
            "accepted_reply__body", *(f"accepted_reply__author__{field}" for field in person),
        )
        .order_by("-answered_at")[:limit]
    )  # fmt: skip
    items = [
        FeedItem(
            kind="question" if thread.is_question else "thread",
            at=thread.created_at,
            title=thread.title,
            url=thread.get_absolute_url(),
            summary=plain_excerpt(thread.body, 180),
            actor=name_for(user, thread.author, as_author=True),
            place=thread.space.name,
            place_url=thread.space.get_absolute_url(),
            label=_("New question") if thread.is_question else _("New discussion"),
        )
        for thread in started
    ]
    items += [
        FeedItem(
            kind="answer",
            at=thread.answered_at,
            title=thread.title,
            url=f"{thread.get_absolute_url()}#reply-{thread.accepted_reply_id}",
            summary=plain_excerpt(thread.accepted_reply.body, 180),
            actor=name_for(user, thread.accepted_reply.author, as_author=True),
            place=thread.space.name,
            place_url=thread.space.get_absolute_url(),
            label=_("Question answered"),
        )
        for thread in answered
    ]
    return items
