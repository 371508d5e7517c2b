"""Helpers the spaces views share: one Access per request, posts by kind."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from common.prepared import ID, Prepared
from spaces import permissions
from spaces.models import (
    ChatMessage,
    Reaction,
    Reply,
    Thread,
    ThreadVisit,
)

THREADS_PER_PAGE = 20
REPLIES_PER_PAGE = 30


def _space_and_access(request, slug):
    space, access = permissions.space_and_access(request.user, slug)
    if space is None:
        raise Http404
    return space, access


def _thread(space, pk, *, reader=None):
    """The space's thread; with `reader`, also when they last saw it (`seen_at`, None if
    never), so that opening it again writes only when there is something new."""
    if reader is not None and reader.is_authenticated:
        threads = _THREAD_AND_VISIT(space=space.pk, pk=pk, reader=reader.pk)
    else:
        threads = _THREAD(space=space.pk, pk=pk)
    if not threads:
        raise Http404
    [thread] = threads
    thread.space = space  # read already, with the member's access
    return thread


def _thread_to_read(space, pk, reader, *, moderator):
    """_thread with a signed-in `reader`, and how many replies the thread shows them
    (`reply_total`: hidden ones for moderators only), counted in the same query: the
    thread's page counts them for its pages and heading."""
    threads = _THREAD_TO_READ[moderator](space=space.pk, pk=pk, reader=reader.pk)
    if not threads:
        raise Http404
    [thread] = threads
    thread.space = space  # read already, with the member's access
    return thread


def _threads(space, pk):
    return Thread.objects.filter(space=space, pk=pk).select_related("author__profile")


def _with_visit(threads, reader):
    return threads.annotate(
        seen_at=Subquery(
            ThreadVisit.objects.filter(thread=OuterRef("pk"), user=reader).values("seen_at")[:1]
        )
    )


def _reply_total(moderator):
    replies = Reply.objects.filter(thread=OuterRef("pk"))
    if not moderator:
        replies = replies.shown()
    count = replies.order_by().values("thread").annotate(count=Count("*")).values("count")
    return Coalesce(Subquery(count), 0)


# The thread of a page, read by queries compiled once (common.prepared).
_THREAD = Prepared(_threads, space=ID, pk=ID)
_THREAD_AND_VISIT = Prepared(
    lambda space, pk, reader: _with_visit(_threads(space, pk), reader),
    space=ID,
    pk=ID,
    reader=ID,
)
_THREAD_TO_READ = {
    moderator: Prepared(
        lambda space, pk, reader, moderator=moderator: _with_visit(
            _threads(space, pk), reader
        ).annotate(reply_total=_reply_total(moderator)),
        space=ID,
        pk=ID,
        reader=ID,
    )
    for moderator in (False, True)
}


def _post(space, kind, pk):
    if kind not in ("thread", "reply"):
        raise Http404
    if kind == "thread":
        return _thread(space, pk)
    return get_object_or_404(
        Reply.objects.select_related("thread__space", "author__profile"), pk=pk, thread__space=space
    )


def _reaction_summary(reactions, user):
    """[(emoji, count, mine)] in the fixed order of the emoji set."""
    return _summary_of(((reaction.emoji, reaction.user_id) for reaction in reactions), user)


EMOJI_ORDER = tuple(Reaction.Emoji.values)


def _summary_of(reactions, user):
    """_reaction_summary of (emoji, user id) pairs."""
    counts, mine = {}, set()
    for emoji, user_id in reactions:
        counts[emoji] = counts.get(emoji, 0) + 1
        if user_id == user.pk:
            mine.add(emoji)
    return [(emoji, counts[emoji], emoji in mine) for emoji in EMOJI_ORDER if emoji in counts]


def _reportable(space, kind, pk):
    if kind == "chat":
        return get_object_or_404(ChatMessage.objects.select_related("space"), pk=pk, space=space)
    return _post(space, kind, pk)
