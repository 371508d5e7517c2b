"""Reusable reads for spaces: lists with unread markers, suggestions, the knowledge base."""

from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from common.prepared import ID, ID_LIST, SHAPE, VIEWER, Prepared
from members.models import Interest
from spaces.models import (
    Membership,
    Space,
    TaggedSpaceInterest,
    TaggedThreadInterest,
    Thread,
    ThreadVisit,
)


def space_cards(queryset):
    """Spaces with their number of members (a subquery: the caller may filter on memberships).
    A page that shows their interests reads them with `with_interests`."""
    active = (
        Membership.objects.filter(space=OuterRef("pk"), state=Membership.State.ACTIVE)
        .order_by()
        .values("space")
        .annotate(total=Count("*"))  # not the ids: the (space, state) index alone answers
        .values("total")
    )
    return queryset.annotate(member_count=Coalesce(Subquery(active), Value(0)))


def with_interests(*space_lists):
    """Reads the interests of every space of several lists in one query; returns the lists."""
    space_lists = [list(spaces) for spaces in space_lists]
    prefetch_related_objects([space for spaces in space_lists for space in spaces], "interests")
    return space_lists


# Which interests a space or a thread has, with their names, is kept per space and per
# thread (the space's header and the thread's page show them on every visit: one read of
# the cache), forgotten by spaces.signals when they change or one of them is renamed.
INTERESTS_TIMEOUT = 600
TAGGED = {Space: TaggedSpaceInterest, Thread: TaggedThreadInterest}


def kept_interests(obj):
    """The interests of a space or a thread, by name (unsaved copies with pk, slug and
    name)."""
    return [Interest(pk=pk, slug=slug, name=name) for pk, slug, name in _kept_rows(obj)]


def kept_interest_names(obj):
    """The names of kept_interests, in their order, for the pages that print only them (a
    space's header, a thread): no copy built."""
    return [name for _pk, _slug, name in _kept_rows(obj)]


def _kept_rows(obj):
    key = interests_key(type(obj), obj.pk)
    rows = cache.get(key)
    if rows is None:
        rows = list(
            TAGGED[type(obj)]
            .objects.filter(content_object=obj)
            .order_by("tag__name", "tag_id")
            .values_list("tag_id", "tag__slug", "tag__name")
        )
        cache.set(key, rows, INTERESTS_TIMEOUT)
    return rows


def interests_key(model, pk):
    return f"spaces:interest-names:{model._meta.model_name}:{pk}"


def forget_interests(model, pks):
    keys = [interests_key(model, pk) for pk in pks]
    if model is Thread:  # and the knowledge filters of their spaces
        spaces = Thread.objects.filter(pk__in=pks).values_list("space_id", flat=True)
        keys += [space_tags_key(space_pk) for space_pk in set(spaces)]
    cache.delete_many(keys)


def forget_interest_everywhere(interest_pk):
    """A renamed interest: the spaces and threads that have it name it anew."""
    for model, tagged in TAGGED.items():
        pks = tagged.objects.filter(tag=interest_pk).values_list("content_object_id", flat=True)
        forget_interests(model, list(pks))


def my_spaces(user):
    return space_cards(
        Space.objects.filter(
            memberships__user=user, memberships__state=Membership.State.ACTIVE
        ).order_by("-last_activity_at")
    )


def my_invitations(user):
    return Membership.objects.filter(user=user, state=Membership.State.INVITED).select_related(
        "space"
    )


# The ranking of suggested spaces is kept a few minutes per member and set of interests;
# twice as many as shown, so that spaces joined meanwhile leave the list full.
SUGGESTIONS_TIMEOUT = 300


def suggested_spaces(user, *, limit=6, interest_ids=None):
    """Listed spaces the member is not in, most shared interests first, as cards (the
    spaces with their number of members).
    `interest_ids`: the member's, when the page has read them already.

    Which spaces may be suggested (listed, not archived, not joined) is decided on every
    read, in the query that reads them: a space joined, archived or made private leaves
    the suggestions at once."""
    ranked = _ranked_suggestions(user, limit, interest_ids)
    if not ranked:
        return []
    spaces = {
        space.pk: space
        for space in space_cards(_suggestable(Space.objects.filter(pk__in=ranked), user))
    }
    return [spaces[pk] for pk in ranked if pk in spaces][:limit]


def suggested_space_links(user, *, limit=6, interest_ids=None, kept=None):
    """suggested_spaces, by the same rule, as links: each space with its name, its address
    and its number of members only (the home page's list), read by a query compiled once
    (common.prepared). `kept`: what the cache holds at suggested_links_key, where the page
    read it with its other keys (a missing key gives None: ranked anew)."""
    ranked = _ranked_links(user, limit, interest_ids, kept)
    if not ranked:
        return []
    spaces = {}
    for pk, name, slug, member_count in _SUGGESTED_LINKS(ranked=ranked, user=user.pk):
        spaces[pk] = Space(pk=pk, name=name, slug=slug)
        spaces[pk].member_count = member_count
    return [spaces[pk] for pk in ranked if pk in spaces][:limit]


def suggested_links_key(user, limit):
    """Where suggested_space_links keeps its ranking: one key per member (with the
    interests it was ranked for in the value), so that the home page reads it with its
    others before it knows the member's interests."""
    return f"spaces:suggested-links:{user.pk}:{limit}"


def _ranked_links(user, limit, interest_ids, kept):
    """_ranked_suggestions for suggested_space_links: (the interests ranked for, the
    ranking) kept at suggested_links_key, ranked anew when missing or ranked for other
    interests."""
    interests = tuple(sorted(_interest_ids(user, interest_ids)))
    if not interests:
        return []
    key = suggested_links_key(user, limit)
    if kept is None:
        kept = cache.get(key)
    if kept is None or tuple(kept[0]) != interests:
        kept = (interests, _rank_suggestions(user, limit, interests))
        cache.set(key, kept, SUGGESTIONS_TIMEOUT)
    return kept[1]


def _interest_ids(user, interest_ids):
    if interest_ids is not None:
        return interest_ids
    return Interest.objects.filter(tagged_profiles__content_object__user=user).values_list(
        "pk", flat=True
    )


def _ranked_suggestions(user, limit, interest_ids):
    """The ids of the spaces to suggest, best first: twice `limit`, kept a few minutes."""
    interests = sorted(_interest_ids(user, interest_ids))
    if not interests:
        return []
    key = f"spaces:suggested:{user.pk}:{limit}:{','.join(map(str, interests))}"
    ranked = cache.get(key)
    if ranked is None:
        ranked = _rank_suggestions(user, limit, interests)
        cache.set(key, ranked, SUGGESTIONS_TIMEOUT)
    return ranked


def _rank_suggestions(user, limit, interests):
    # Ranked first, then counted: counting members in the ranking query counts them for
    # every candidate space (about 240 at 1,000 spaces), not for the few shown.
    return list(
        _suggestable(Space.objects.all(), user)
        .filter(interests__in=interests)
        .annotate(shared=Count("interests", filter=Q(interests__in=interests), distinct=True))
        .order_by("-shared", "-last_activity_at", "pk")
        .values_list("pk", flat=True)[: 2 * limit]
    )


def _suggestable(spaces, user):
    return spaces.listed().exclude(memberships__user=user)


_SUGGESTED_LINKS = Prepared(
    lambda ranked, user: space_cards(
        _suggestable(Space.objects.filter(pk__in=ranked), user)
    ).values_list("pk", "name", "slug", "member_count"),
    ranked=ID_LIST,
    user=ID,
)


def threads_with_unread(queryset, user):
    """Threads with `is_unread`: new activity since the member last opened them; with the
    columns a list of threads shows."""
    seen = ThreadVisit.objects.filter(thread=OuterRef("pk"), user=user).values("seen_at")[:1]
    person = ("is_active", "email", "profile__user", "profile__display_name", "profile__visibility")
    queryset = queryset.select_related("author__profile").only(
        "space", "title", "kind", "is_pinned", "is_locked", "accepted_reply", "reply_count",
        "last_activity_at", "author", *(f"author__{field}" for field in person),
    )  # fmt: skip
    if not user.is_authenticated:
        return queryset.annotate(is_unread=Value(False, output_field=BooleanField()))
    return queryset.annotate(seen_at=Subquery(seen)).annotate(
        is_unread=Case(
            When(seen_at__isnull=True, then=Value(True)),
            When(last_activity_at__gt=F("seen_at"), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def _space_threads(space):
    return Thread.objects.filter(space=space).shown().filter(deleted_at=None)


def space_threads(space, viewer):
    """A space's threads for its page, pinned first, then by latest activity."""
    return threads_with_unread(_space_threads(space), viewer).order_by(
        "-is_pinned", "-last_activity_at", "-pk"
    )


def space_thread_count(space):
    """How many threads space_threads() lists (one query compiled once)."""
    return sum(_SPACE_THREAD_COUNT(space=space.pk))


_SPACE_THREAD_COUNT = Prepared(
    lambda space: (
        _space_threads(space)
        .order_by()
        .values("space")
        .annotate(count=Count("*"))
        .values_list("count", flat=True)
    ),
    space=ID,
)


def space_threads_page(space, viewer, bottom, top):
    """space_threads()[bottom:top], by a query compiled once per kind of viewer."""
    threads = _SPACE_THREADS_PAGE(space=space.pk, viewer=viewer, bottom=bottom, top=top)
    for thread in threads:
        thread.space = space
    return threads


_SPACE_THREADS_PAGE = Prepared(
    lambda space, viewer, bottom, top: space_threads(space, viewer)[bottom:top],
    space=ID,
    viewer=VIEWER,
    bottom=SHAPE,
    top=SHAPE,
)


# The kind written into the SQL, not bound: the partial index thread_answered_in_space names
# it in its condition, and only then does the one plan PostgreSQL keeps for a prepared query
# use that index, for a space of a few answered questions or thousands (common.prepared).
_QUESTION = RawSQL(f"'{Thread.Kind.QUESTION.value}'", ())  # noqa: S611 - our own constant


def answered_questions(space, *, q="", tag=None):
    """The space's knowledge: questions with an accepted answer, searchable by word and tag."""
    threads = Thread.objects.filter(
        space=space,
        kind=_QUESTION,
        accepted_reply__isnull=False,
        accepted_reply__is_hidden=False,
        accepted_reply__deleted_at=None,
        deleted_at=None,
    ).shown()
    if q:
        threads = threads.filter(
            Q(title__icontains=q) | Q(body__icontains=q) | Q(accepted_reply__body__icontains=q)
        )
    if tag:
        threads = threads.filter(
            Exists(Thread.interests.through.objects.filter(content_object=OuterRef("pk"), tag=tag))
        )
    # The columns the list shows: a title, where it leads, who answered and when (the
    # posts' text is searched in the database, not read).
    person = ("is_active", "email", "profile__user", "profile__display_name", "profile__visibility")
    return (
        threads.select_related("space", "accepted_reply__author__profile")
        .only(
            "title", "answered_at", "space__slug", "accepted_reply__author",
            *(f"accepted_reply__author__{field}" for field in person),
        )
        .order_by("-answered_at", "-pk")
    )  # fmt: skip


def answered_questions_page(space, bottom, top):
    """answered_questions(space)[bottom:top], by a query compiled once (common.prepared)."""
    questions = _ANSWERED_PAGE(space=space.pk, bottom=bottom, top=top)
    for question in questions:
        question.space = space
    return questions


_ANSWERED_PAGE = Prepared(
    lambda space, bottom, top: answered_questions(space)[bottom:top],
    space=ID,
    bottom=SHAPE,
    top=SHAPE,
)


def space_interests(space):
    """The interests of the space's threads (the knowledge page's tags). A semi-join per
    interest stops at the first such thread (a DISTINCT over the join read all of a big
    space's tags: 30 ms at 10,000 threads, 1.6 ms this way)."""
    return Interest.objects.filter(
        Exists(
            Thread.interests.through.objects.filter(tag=OuterRef("pk"), content_object__space=space)
        )
    )


def space_interest_choices(space):
    """[(slug, name)] of space_interests(space), by name: the knowledge page's filters. Kept
    INTERESTS_TIMEOUT in the cache, forgotten when a thread of the space gains or loses an
    interest, or an interest is renamed (spaces.signals); a tag sent is checked against the
    database (KnowledgeSearchForm). A thread moved to another space by staff leaves its
    interests among the old space's filters (where they find nothing) until the timeout."""
    return cache.get_or_set(
        space_tags_key(space.pk),
        lambda: _SPACE_INTEREST_CHOICES(space=space.pk),
        INTERESTS_TIMEOUT,
    )


def space_tags_key(space_pk):
    return f"spaces:thread-interests-in:{space_pk}"


_SPACE_INTEREST_CHOICES = Prepared(
    lambda space: space_interests(space).values_list("slug", "name"),
    space=ID,
    plan_each_call=True,  # a few threads or thousands to look through (then kept)
)


def pending_requests(space):
    return space.memberships.filter(state=Membership.State.REQUESTED).select_related(
        "user__profile"
    )
