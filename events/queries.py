"""Reads the events pages share: lists with their counts, interests and the member's
registrations (kept in the cache under versions), attendees."""

import hashlib
from functools import partial
from types import SimpleNamespace

from django.core.cache import cache
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from common.prepared import ID, SHAPE, VIEWER, Prepared
from events import attendance, versions
from events.models import LiveQuestion, Poll, Registration, TaggedEventInterest, WorkshopTable
from members.models import Interest, Profile, TaggedInterest
from members.permissions import listed_profiles
from members.queries import named_profile

# What an event's card shows (events.templatetags.event_parts.event_card).
CARD = ("title", "slug", "language", "format", "venue", "starts_at", "ends_at", "cover", "capacity")


# An event's card read as a row: its key and CARD.
CARD_ROW = ("pk", *CARD)


def cards_from_rows(rows):
    """Events as their cards read them (events.templatetags.event_parts), from rows of
    CARD_ROW: a list's page builds no model for them (some 25 Python calls each)."""
    return [SimpleNamespace(**dict(zip(CARD_ROW, row, strict=True))) for row in rows]


def for_cards(events):
    """The events with the columns their cards show alone: a list reads, groups (the
    recommended events) and builds fewer than half of them."""
    return events.only(*CARD)


def with_counts(events, user=None):
    """Events with seats_taken, waitlist_count and (for a member) my_status, in one query.
    Subqueries, not joins: other filters (interests) would multiply joined rows."""
    of_event = Registration.objects.filter(event=OuterRef("pk"))
    seats = (
        of_event.filter(status=Registration.Status.CONFIRMED)
        .values("event")
        .annotate(seats=Sum("guests") + Count("pk"))
        .values("seats")
    )
    events = events.annotate(
        seats_taken=Coalesce(Subquery(seats, output_field=IntegerField()), Value(0)),
        waitlist_count=_count(of_event.filter(status=Registration.Status.WAITLISTED)),
    ).prefetch_related("interests")
    if user is not None and user.is_authenticated:
        mine = of_event.filter(user=user).exclude(status=Registration.Status.CANCELLED)
        events = events.annotate(my_status=Subquery(mine.values("status")[:1]))
    return events


def with_facts(events, user=None, *, limit=None, current=None):
    """The events (read already) with what their cards and pages show besides their
    columns: their counts (seats_taken, waitlist_count, checked_in_count), where the member
    stands (my_status, for a member) and their first `limit` interests' names
    (interest_names). Kept in the cache under versions (events.attendance,
    INTERESTS_VERSION_KEY): the versions in one cache read, what is kept under them in
    another, and what is not in one query for each kind. Built and compiled, with_counts'
    subqueries cost more than a query, and an aggregate over the events' registrations some
    3,000 Python calls.

    Each kind is kept for the list as a whole (its events and their versions name the key):
    every key a cache read asks for costs some 20 Python calls, a list of 15 events asked
    for 45. A list whose events or versions changed reads that kind again, in the one
    query a missing event took. The counts are kept under the version of every event's
    attendance (one key to ask for, not one an event): a registration anywhere has the
    lists read their counts again. `current`: the versions list_reads() found, where the
    page read them already."""
    events, _current, _found = _read_facts(
        events, user, limit, attendance_keys=[attendance.EVERY_EVENT], current=current
    )
    return events


def list_reads(user, others=()):
    """What a list of events reads of the cache before its events, in one cache read: the
    versions with_facts keeps their facts under, the interests its filter offers, and the
    keys `others` (the list's kept total, say): (versions for with_facts(current=...),
    {key: value} of what was found, for interest_choices(kept=...) and the others)."""
    keys = _version_keys(user, [attendance.EVERY_EVENT])
    return versions.current_many_and(keys, [INTEREST_CHOICES_KEY, *others])


def _version_keys(user, attendance_keys):
    signed_in = user is not None and user.is_authenticated
    member = [attendance.MEMBER.format(user.pk)] if signed_in else []
    return [INTERESTS_VERSION_KEY, *attendance_keys, *member]


def _read_facts(events, user, limit, *, attendance_keys=None, first=(), then=None, current=None):
    """with_facts, with the counts kept under the versions `attendance_keys` (by default,
    each event's attendance), and whose two cache reads also read the keys `first` (kept
    without a version) and `then(versions)` (keys made from the versions the first read
    found, {key: version}): the events, the versions, and what was found of those keys
    ({key: value}). `current`: the versions, read already (no first read)."""
    events = list(events)
    if not events:
        return events, current, {}
    ids = [event.pk for event in events]
    member = user.pk if user is not None and user.is_authenticated else None
    if attendance_keys is None:
        attendance_keys = [attendance.EVENT.format(pk) for pk in ids]
    member_key = [attendance.MEMBER.format(member)] if member else []
    if current is None:
        current, found = versions.current_many_and(_version_keys(user, attendance_keys), first)
    else:
        found = {}
    keys = {
        "counts": _list_key("counts", ids, [current[key] for key in attendance_keys]),
        "names": _list_key("interest_names", ids, [current[INTERESTS_VERSION_KEY]]),
    }
    if member:
        keys["mine"] = _list_key("mine", ids, [member, current[member_key[0]]])
    others = then(current) if then is not None else []
    kept = cache.get_many([*keys.values(), *others])
    found.update((key, kept[key]) for key in others if key in kept)
    counts = _kept(keys["counts"], kept, ids, _read_counts, COUNTS_TIMEOUT)
    names = _kept(keys["names"], kept, ids, _read_names, INTEREST_NAMES_TIMEOUT)
    if member:
        statuses = _kept(keys["mine"], kept, ids, partial(_read_statuses, member), COUNTS_TIMEOUT)
    for event in events:
        event.seats_taken = counts[event.pk]["seats"]
        event.waitlist_count = counts[event.pk]["waitlisted"]
        event.checked_in_count = counts[event.pk]["attended"]
        event.interest_names = names[event.pk][:limit]
        if member:
            event.my_status = statuses[event.pk] or None
    return events, current, found


# An event's counts of registrations change only with its registrations, each of which
# changes the event's attendance version (events.signals; undoing a check-in says so
# itself): they are kept under it. A member's registrations, likewise, under theirs. The
# timeout bounds what a change made without a signal could leave.
COUNTS_TIMEOUT = 3600


def _list_key(kind, event_ids, under):
    """The key of what is kept of one kind for these events (in this order) under these
    versions (and the member's id, for their registrations)."""
    named = ",".join(map(str, [*event_ids, "", *under]))
    return f"events:{kind}:{hashlib.sha256(named.encode()).hexdigest()[:32]}"


def _read_counts(event_ids):
    """One plain aggregate (plain on purpose: built and compiled, the subqueries of
    with_counts and with_records cost the server more than a query)."""
    confirmed = Q(status=Registration.Status.CONFIRMED)
    counts = {pk: {"seats": 0, "waitlisted": 0, "attended": 0} for pk in event_ids}
    rows = (
        Registration.objects.filter(event_id__in=event_ids)
        .values("event_id")
        .annotate(
            seats=Sum("guests", filter=confirmed, default=0) + Count("pk", filter=confirmed),
            waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
            attended=Count("pk", filter=confirmed & Q(checked_in_at__isnull=False)),
        )
        .order_by()
    )
    for row in rows:
        counts[row.pop("event_id")] = row
    return counts


def _read_statuses(user_id, event_ids):
    """{event id: the member's registration's status there, "" for none (or cancelled)}."""
    statuses = dict.fromkeys(event_ids, "")
    statuses.update(
        Registration.objects.filter(user_id=user_id, event_id__in=event_ids)
        .exclude(status=Registration.Status.CANCELLED)
        .values_list("event_id", "status")
    )
    return statuses


def _kept(key, kept, event_ids, read, timeout):
    """{event id: value}: what `kept` (a cache read) holds under `key`, else what
    read(event_ids) gives, which is kept then."""
    found = kept.get(key)
    if found is None:
        found = read(event_ids)
        cache.set(key, found, timeout)
    return found


# Events' interests (their names, and the interests the list's filter offers) are kept
# under a version of all events' interests, renewed when an event's interests or an
# interest change (events.signals). The timeouts bound what a change made without a
# signal (an update of many rows) could leave.
INTERESTS_VERSION_KEY = "events:interests"
INTEREST_NAMES_TIMEOUT = 3600
INTEREST_CHOICES_KEY = "events:interest_choices"
INTEREST_CHOICES_TIMEOUT = 600


def interests_changed():
    versions.renew(INTERESTS_VERSION_KEY)
    cache.delete(INTEREST_CHOICES_KEY)


def _read_names(event_ids):
    """One plain query."""
    names = {pk: [] for pk in event_ids}
    rows = (
        TaggedEventInterest.objects.filter(content_object_id__in=event_ids)
        .order_by("tag__name", "tag_id")
        .values_list("content_object_id", "tag__name")
    )
    for event_id, name in rows:
        names[event_id].append(name)
    return names


def _count(queryset, field="event"):
    counted = queryset.values(field).annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_records(events):
    """Past events with what they left (attended, tables with notes, answered questions,
    closed polls), in the same query as the list: subqueries."""
    return events.annotate(
        attended=_count(
            Registration.objects.filter(
                event=OuterRef("pk"),
                status=Registration.Status.CONFIRMED,
                checked_in_at__isnull=False,
            )
        ),
        table_count=_count(WorkshopTable.objects.filter(event=OuterRef("pk")).exclude(notes="")),
        answered_count=_count(
            LiveQuestion.objects.filter(event=OuterRef("pk"), status=LiveQuestion.Status.ANSWERED)
        ),
        poll_count=_count(Poll.objects.filter(event=OuterRef("pk"), status=Poll.Status.CLOSED)),
    )


def interest_choices(kept=None):
    """[(slug, name)] of the interests some event has (published or not: the list's filter
    is the same for everyone), by name; kept until the interests change (a key of its own
    rather than one under their version: one cache read a page, not two). A semi-join per
    interest stops at its first event (a DISTINCT over the join read every event's tags:
    2.4 ms at 5,000 events). `kept`: what a cache read that asked for them found
    (list_reads), else they are asked for here."""
    choices = cache.get(INTEREST_CHOICES_KEY) if kept is None else kept.get(INTEREST_CHOICES_KEY)
    if choices is None:
        choices = list(
            Interest.objects.filter(Exists(TaggedEventInterest.objects.filter(tag=OuterRef("pk"))))
            .order_by("name")
            .values_list("slug", "name")
        )
        cache.set(INTEREST_CHOICES_KEY, choices, INTEREST_CHOICES_TIMEOUT)
    return choices


def filtered(events, data):
    """Apply a valid EventFilterForm's cleaned data."""
    if data.get("interest"):
        events = events.filter(interests=data["interest"])
    if data.get("format"):
        events = events.filter(format=data["format"])
    if data.get("start"):
        events = events.filter(ends_at__date__gte=data["start"])
    if data.get("end"):
        events = events.filter(starts_at__date__lte=data["end"])
    return events


def recommended(events, user, *, limit=3):
    """Upcoming events sharing the most interests with the member, not already joined
    (without their counts nor their interests: see with_facts)."""
    if not user.is_authenticated:
        return events.none()
    # The member's interests as their tags' ids, not as interests: one table fewer for
    # PostgreSQL to plan a join with, on every visit of the list (the same ids, each tag
    # pointing at an interest).
    interests = TaggedInterest.objects.filter(content_object__user=user).values("tag_id")
    joined = Registration.objects.active().filter(user=user).values("event_id")
    # The count runs over the join the filter made (their shared interests alone), grouped
    # by event: no second filter, no DISTINCT over the grouped rows (some 900 Python calls
    # to build and compile, the same rows).
    return (
        events.filter(interests__in=interests)
        .exclude(pk__in=joined)
        .annotate(shared=Count("interests", distinct=True))
        .order_by("-shared", "starts_at")[:limit]
    )


# What a page prints of a person, and reads to link them (members.permissions.shown_person):
# lists of people read these of their accounts and profiles, not the other columns.
PERSON = ("email", "is_active", "profile__user", "profile__display_name", "profile__visibility")


def person_columns(account):
    """PERSON through the relation `account` (a foreign key to an account), for only()."""
    return tuple(f"{account}__{column}" for column in PERSON)


# How many attendees show their name is kept under the event's attendance version: a
# registration changes it at once; a profile hidden or an account closed meanwhile changes
# the count within the timeout (the names listed are read on every visit).
LISTED_COUNT_TIMEOUT = 300


def listed_attendees(event, viewer, *, limit=24):
    """Confirmed attendees who let others see them, and whose profile the viewer may see:
    the first `limit` (_first_listed), and how many in all."""
    shown = _first_listed(event, viewer, limit)
    if len(shown) < limit:
        return shown, len(shown)
    key = _listed_count_key(event.pk, attendance.version(event.pk), viewer)
    return shown, _listed_count(key, event, viewer, cache.get(key))


def _listed_count_key(event_id, version, viewer):
    # The rule differs only for visitors (public profiles alone).
    return f"events:listed:{event_id}:{version}:{viewer.is_authenticated}"


def _listed_count(key, event, viewer, count):
    """`count` where the cache kept it under `key`, else counted (and kept)."""
    if count is None:
        count = _listed_profiles(event.pk, viewer).count()
        cache.set(key, count, LISTED_COUNT_TIMEOUT)
    return count


def _listed_profiles(event, viewer):
    """The profiles of the event's listed attendees (members.permissions.listed_profiles),
    in the order they registered. Read as profiles with their accounts, not as
    registrations with theirs: the page names people, and a registration built for each
    cost some 25 Python calls."""
    attending = Profile.objects.filter(
        user__event_registrations__event_id=event,
        user__event_registrations__status=Registration.Status.CONFIRMED,
        user__event_registrations__is_listed=True,
    )
    return (
        listed_profiles(viewer, attending)
        .select_related("user")
        .only("user", "display_name", "visibility", "user__email", "user__is_active")
        .order_by("user__event_registrations__created_at")
    )


# The first attendees an event's page lists, compiled once per kind of viewer.
_LISTED_ATTENDEES = Prepared(
    lambda event, viewer, limit: _listed_profiles(event, viewer).values_list(
        "user_id", "user__is_active", "user__email", "pk", "display_name", "visibility"
    )[:limit],
    event=ID,
    viewer=VIEWER,
    limit=SHAPE,  # one plan for an event of any size (Registration's listed order index)
)


def _first_listed(event, viewer, limit):
    """The first `limit` listed attendees, as their names are read (members.queries.
    named_profile: a profile with its account's pk, is_active and email)."""
    return [
        named_profile(row) for row in _LISTED_ATTENDEES(event=event.pk, viewer=viewer, limit=limit)
    ]


def event_for_page(queryset, *, prefetch=(), with_space=False):
    """The event of a page (`queryset`: the one of its slug); `with_space`: with its space,
    for a page that names it (only the event's own page does: the other pages' permission
    checks read its id); `prefetch`: the relations the page reads (only the event's own
    page shows its interests and asks its questions). Joining the space costs some 700
    Python calls a page that do not show it (a refusal that names the space reads it
    then)."""
    if with_space:
        queryset = queryset.select_related("space")
    return queryset.prefetch_related(*prefetch)


# What a past event left changes little once it is over: its counts are kept, and
# forgotten when one of its questions or polls changes (events.signals).
RECORD_TIMEOUT = 3600


def _record_key(event_id):
    return f"events:record:{event_id}"


def forget_record(event_id):
    cache.delete(_record_key(event_id))


def record_of(event, attended):
    """What a past event left, for its page: with_records' counts, but the tables (the
    page lists them)."""
    key = _record_key(event.pk)
    return _record(event, attended, cache.get(key))


def _record(event, attended, counts):
    """record_of, from `counts` where the cache kept them (else read, and kept)."""
    if counts is None:
        counts = (
            event.live_questions.filter(status=LiveQuestion.Status.ANSWERED).count(),
            event.polls.filter(status=Poll.Status.CLOSED).count(),
        )
        cache.set(_record_key(event.pk), counts, RECORD_TIMEOUT)
    return {"attended": attended, "answered_count": counts[0], "poll_count": counts[1]}


def event_page_facts(event, viewer, *, limit=24):
    """What an event's page reads besides its event: its facts (with_facts), its first
    `limit` listed attendees and how many in all (listed_attendees), and once it is over
    what it left (record_of). The same reads and queries, but in two cache reads where
    those three took five (some 200 Python calls each): (attendees, their count, record
    or None)."""
    shown = _first_listed(event, viewer, limit)
    past = event.is_past()
    record_key = _record_key(event.pk)
    counted = len(shown) >= limit  # else the attendees shown are all of them

    def listed_key(current):
        return _listed_count_key(event.pk, current[attendance.EVENT.format(event.pk)], viewer)

    _events, current, found = _read_facts(
        [event],
        None,
        None,
        first=[record_key] if past else [],
        then=lambda current: [listed_key(current)] if counted else [],
    )
    count = len(shown)
    if counted:
        key = listed_key(current)
        count = _listed_count(key, event, viewer, found.get(key))
    record = _record(event, event.checked_in_count, found.get(record_key)) if past else None
    return shown, count, record
