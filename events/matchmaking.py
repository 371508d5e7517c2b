"""People to meet at an event: the other attendees ranked by shared interests and
complementary skills ("can help with" ↔ "looking for"), with the reasons.

`score` and `best_matches` say what a good match is, in plain set operations and one
sort: change them to change the suggestions. Every confirmed attendee's tags are read in
one query over the taggit through tables; scoring is then done in Python without a query
per person.

Never suggested: the viewer, attendees who opted out (Registration.suggest_me), hidden
or inactive profiles, anyone who is not a confirmed attendee, and people the viewer already
has a meeting with (asked, accepted or declined) at this event. Ties are broken by user id.
"""

import gc
import heapq
import sys
from dataclasses import dataclass
from operator import attrgetter

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connections
from django.db.models import Exists, IntegerField, OuterRef, Q, Value
from django.utils import timezone

from common.prepared import ID, MOMENT, Prepared
from events import attendance
from events.models import Event, Meeting, Registration
from events.permissions import visible_events
from members.models import (
    Interest,
    Profile,
    Skill,
    TaggedInterest,
    TaggedSkillOffered,
    TaggedSkillSought,
)
from members.permissions import can_view_profile, listed_profiles

INTEREST_WEIGHT = 1
SKILL_WEIGHT = 2  # someone who can help you (or whom you can help) counts more
SUGGESTIONS = 20

INTERESTS, OFFERED, SOUGHT = 0, 1, 2
_NEEDLES = [bytes((score,)) for score in range(256)]


class Suggestion:
    """A person to meet, with the score and why (tag ids; `with_details` names them).

    The reasons are worked out when read, from both people's tags: ranking everyone at a
    large event builds many suggestions, and a page reads the reasons of a few."""

    __slots__ = ("_mine", "_theirs", "score", "user_id")

    def __init__(self, user_id, score, mine, theirs):
        self.user_id = user_id
        self.score = score
        self._mine = mine
        self._theirs = theirs

    @property
    def shared_interests(self):
        return self._mine.interests & self._theirs.interests

    @property
    def can_help_you(self):
        """What they offer that you are looking for."""
        return self._mine.sought & self._theirs.offered

    @property
    def looking_for(self):
        """What they look for that you offer."""
        return self._mine.offered & self._theirs.sought

    def _key(self):
        return (
            self.user_id,
            self.score,
            self.shared_interests,
            self.can_help_you,
            self.looking_for,
        )

    def __eq__(self, other):
        return isinstance(other, Suggestion) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return f"Suggestion(user_id={self.user_id}, score={self.score})"


def suggestable(suggest_me, is_active, visibility):
    """Whether an attendee may be suggested to others, and asked for a meeting."""
    return bool(suggest_me and is_active and visibility != Profile.Visibility.HIDDEN)


@dataclass
class Attendee:
    user_id: int
    suggestable: bool
    interests: frozenset = frozenset()
    offered: frozenset = frozenset()
    sought: frozenset = frozenset()


def score(me, them):
    """How well `them` matches `me`: one point per shared interest, two per skill that
    one of us offers and the other looks for."""
    shared_interests = me.interests & them.interests
    they_can_help_me = me.sought & them.offered
    i_can_help_them = me.offered & them.sought
    return INTEREST_WEIGHT * len(shared_interests) + SKILL_WEIGHT * (
        len(they_can_help_me) + len(i_can_help_them)
    )


def best_matches(me, others, *, limit=SUGGESTIONS):
    """[(score, attendee)]: the `limit` best of `others` for `me`, best first, ties by
    user id; nobody with nothing in common."""
    scored = [(score(me, other), other) for other in others]
    matching = [(points, other) for points, other in scored if points > 0]
    return sorted(matching, key=lambda pair: (-pair[0], pair[1].user_id))[:limit]


TAGGED = {INTERESTS: TaggedInterest, OFFERED: TaggedSkillOffered, SOUGHT: TaggedSkillSought}


def attendee_tag_rows(event, *, only=None):
    """(user id, kind, tag id) of every confirmed attendee's tags, in one query; with
    `only` ({kind: tag ids}), just those tags (None when none is wanted)."""
    attendees = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).values("user_id")
    return _tag_rows(Q(content_object__user_id__in=attendees), only)


def _tag_rows(who, only=None):
    parts = []
    for kind, model in TAGGED.items():
        rows = model.objects.filter(who)
        if only is not None:
            if not only[kind]:
                continue
            rows = rows.filter(tag_id__in=only[kind])
        parts.append(
            rows.values_list(
                "content_object__user_id", Value(kind, output_field=IntegerField()), "tag_id"
            )
        )
    if not parts:
        return None
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


class Matchmaker:
    """Attendees and their tags, read once; ranks anyone among them.

    `attendees` are Attendee rows; `met` is {user id: ids of those they have (or had) a
    meeting with}."""

    def __init__(self, attendees, met=None):
        self.attendees = sorted(attendees, key=attrgetter("user_id"))
        self.index_of = {attendee.user_id: n for n, attendee in enumerate(self.attendees)}
        self.met = met or {}
        self._lanes = {}

    @classmethod
    def for_event(cls, event):
        """The confirmed attendees of `event`, in two queries (and one for meetings)."""
        return cls._read(event, attendee_tag_rows(event))

    @classmethod
    def for_person(cls, event, user_id):
        """The attendees of `event` as far as ranking them for one person needs: that
        person's tags, and of everyone else only the tags that can match them (the score
        counts nothing else), a small part of the rows at a large event."""
        mine = ([], [], [])
        for _, kind, tag_id in _rows(_tag_rows(Q(content_object__user_id=user_id))):
            mine[kind].append(tag_id)
        wanted = {INTERESTS: mine[INTERESTS], OFFERED: mine[SOUGHT], SOUGHT: mine[OFFERED]}
        return cls._read(event, attendee_tag_rows(event, only=wanted), person=(user_id, mine))

    @classmethod
    def _read(cls, event, tag_rows, person=None):
        registrations = _rows(
            Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
            .values_list("user_id", "suggest_me", "user__is_active", "user__profile__visibility")
            .order_by("user_id")
        )
        tags = {user_id: ([], [], []) for user_id, *_ in registrations}
        for user_id, kind, tag_id in _rows(tag_rows) if tag_rows is not None else ():
            if user_id in tags:
                tags[user_id][kind].append(tag_id)
        if person is not None and person[0] in tags:
            tags[person[0]] = person[1]
        attendees = [
            Attendee(
                user_id=user_id,
                suggestable=suggestable(suggest_me, active, visibility),
                interests=frozenset(tags[user_id][INTERESTS]),
                offered=frozenset(tags[user_id][OFFERED]),
                sought=frozenset(tags[user_id][SOUGHT]),
            )
            for user_id, suggest_me, active, visibility in registrations
        ]
        return cls(attendees, _met_at(event))

    def suggestions_for(self, user_id, *, limit=SUGGESTIONS):
        """The `limit` best matches for one attendee, best first; [] for a non-attendee.

        Plainly, with `best_matches`: one `score` per attendee, about 2 ms at 2,000."""
        n = self.index_of.get(user_id)
        if n is None:
            return []
        me = self.attendees[n]
        met = self.met.get(user_id, ())
        others = [
            other
            for other in self.attendees
            if other.suggestable and other.user_id != user_id and other.user_id not in met
        ]
        return [
            Suggestion(other.user_id, points, me, other)
            for points, other in best_matches(me, others, limit=limit)
        ]

    def suggestions_for_all(self, *, limit=SUGGESTIONS):
        """{user id: suggestions} for every attendee: for each, what `suggestions_for`
        gives (tests/events/test_matchmaking_scorer.py holds them equal), but faster.

        Why not `suggestions_for` for each: at 2,000 attendees that is 4 million `score`
        calls. bench/event_matchmaking.py (SQLite, 2,000 attendees, target under 10x the
        raw read of the tags) measured on a quiet machine: raw read 17 ms, this path
        126 ms (7.5x), `suggestions_for` for each attendee 3,200 ms (190x), and a Counter
        over who holds each tag 330 ms (20x) before any sort; on a loaded one, medians of
        5 rounds side by side: 3.3x to 4.1x here, 134x to 178x plainly.

        Here the scores of all attendees for one viewer are added at once: each tag keeps
        a big integer with one byte "lane" per attendee (1 when the attendee holds the
        tag), so adding the integers of the viewer's tags gives, in each lane, `score`
        against that attendee. Change `score` and this must follow.

        Tens of thousands of small objects are made here, none in a reference cycle: the
        cycle collector is paused meanwhile, or its passes over the whole heap would cost
        more than the ranking."""
        paused = gc.isenabled()
        gc.disable()
        try:
            return {
                attendee.user_id: self._fast_suggestions_for(n, limit)
                for n, attendee in enumerate(self.attendees)
            }
        finally:
            if paused:
                gc.enable()

    def _fast_suggestions_for(self, n, limit):
        me = self.attendees[n]
        skip = {n} | {
            self.index_of[other] for other in self.met.get(me.user_id, ()) if other in self.index_of
        }
        attendees = self.attendees
        return [
            Suggestion(attendees[i].user_id, points, me, attendees[i])
            for i, points in self._rank(me, skip, limit)
        ]

    def _rank(self, me, skip, limit):
        """[(attendee index, score)] best first, ties by user id (the index order)."""
        best = INTEREST_WEIGHT * len(me.interests) + SKILL_WEIGHT * (
            len(me.sought) + len(me.offered)
        )
        if best == 0 or limit <= 0:
            return []
        width = 1 if best < 256 else 2 if best < 65536 else 4
        lanes = self._lanes_of(width)
        # Every tag of mine has its lane (I hold it), but the other kind's may not exist.
        offered, sought = lanes[OFFERED], lanes[SOUGHT]
        skills = sum([offered[tag] for tag in me.sought if tag in offered])
        skills += sum([sought[tag] for tag in me.offered if tag in sought])
        interests = sum(map(lanes[INTERESTS].__getitem__, me.interests))
        total = (INTEREST_WEIGHT * interests + SKILL_WEIGHT * skills) & lanes["suggestable"]
        data = total.to_bytes(len(self.attendees) * width, sys.byteorder)
        if width == 1:
            return _top_bytes(data, best, skip, limit)
        scores = memoryview(data).cast("H" if width == 2 else "I")
        candidates = (i for i in range(len(scores)) if scores[i] and i not in skip)
        return [
            (i, scores[i])
            for i in heapq.nsmallest(limit, candidates, key=lambda i: (-scores[i], i))
        ]

    def _lanes_of(self, width):
        """Per kind, {tag id: int with a 1 in the lane of each attendee holding it}."""
        if width not in self._lanes:
            size = len(self.attendees) * width
            offset = 0 if sys.byteorder == "little" else width - 1
            per_kind = []
            for kind in ("interests", "offered", "sought"):
                holders = {}
                for n, attendee in enumerate(self.attendees):
                    for tag in getattr(attendee, kind):
                        holders.setdefault(tag, bytearray(size))[n * width + offset] = 1
                per_kind.append(
                    {tag: int.from_bytes(lane, sys.byteorder) for tag, lane in holders.items()}
                )
            mask = bytearray(size)
            full = b"\xff" * width
            for n, attendee in enumerate(self.attendees):
                if attendee.suggestable:
                    mask[n * width : (n + 1) * width] = full
            self._lanes[width] = {
                INTERESTS: per_kind[0],
                OFFERED: per_kind[1],
                SOUGHT: per_kind[2],
                "suggestable": int.from_bytes(mask, sys.byteorder),
            }
        return self._lanes[width]


def _rows(queryset):
    """The rows of a values_list query straight from the cursor: integers need no
    converting, and 30,000 rows through the ORM's row machinery cost as much as the
    scoring."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _top_bytes(data, best, skip, limit):
    """Highest scores first, one byte per attendee: memchr per score level."""
    found = []
    for score in range(best, 0, -1):
        needle = _NEEDLES[score]
        i = data.find(needle)
        while i != -1:
            if i not in skip:
                found.append((i, score))
                if len(found) == limit:
                    return found
            i = data.find(needle, i + 1)
    return found


def _met_at(event):
    """{user id: ids of those they have (or had) a meeting with here}; cancelled ones
    are forgotten, declined ones are not: nobody is asked twice."""
    pairs = Meeting.objects.filter(event=event).exclude(status=Meeting.Status.CANCELLED)
    met = {}
    for requester, invitee in pairs.values_list("requester_id", "invitee_id"):
        met.setdefault(requester, set()).add(invitee)
        met.setdefault(invitee, set()).add(requester)
    return met


# A person's suggestions at an event are kept a few minutes, under the version of the
# event's attendance (events.attendance: every registration and meeting there changes it): a
# meeting asked for, a registration cancelled, someone who stops being suggested, and
# everyone's suggestions are ranked again. Who may be shown is decided again on every
# read (with_details). A change of interests shows within the timeout.
SUGGESTIONS_TIMEOUT = 300


def suggestions_for(event, user, *, limit=SUGGESTIONS):
    """People for `user` to meet at `event`, best first (Suggestion objects)."""
    if not user.is_authenticated or not event.meetings_enabled:
        return []
    key = f"events:suggestions:{event.pk}:{attendance.version(event.pk)}:{user.pk}:{limit}"
    suggestions = cache.get(key)
    if suggestions is None:
        suggestions = Matchmaker.for_person(event, user.pk).suggestions_for(user.pk, limit=limit)
        cache.set(key, suggestions, SUGGESTIONS_TIMEOUT)
    return suggestions


def suggestions_for_all(event, *, limit=SUGGESTIONS):
    """{user id: suggestions} for every confirmed attendee of the event."""
    return Matchmaker.for_event(event).suggestions_for_all(limit=limit)


SHOWN_OF_A_SUGGESTION = (
    "user", "display_name", "visibility", "role", "organization", "user__email", "user__is_active",
)  # fmt: skip


@dataclass
class DetailedSuggestion:
    """A suggestion ready for a page: the profile and the reasons' names."""

    suggestion: Suggestion
    profile: Profile
    shared_interests: list
    can_help_you: list
    looking_for: list

    @property
    def user_id(self):
        return self.suggestion.user_id


def with_details(suggestions, viewer=None):
    """Profiles and tag names for suggestions, in two queries whatever their number; only
    the profiles `viewer` may see listed (a visitor's rule when none is given)."""
    if not suggestions:
        return []
    # Suggestions may be a few minutes old: the listing rule is applied as they are read.
    # The columns the page shows (a name, its link's rule, role and organization).
    profiles = {
        profile.user_id: profile
        for profile in listed_profiles(
            viewer or AnonymousUser(),
            Profile.objects.select_related("user").only(*SHOWN_OF_A_SUGGESTION),
        ).filter(user_id__in=[suggestion.user_id for suggestion in suggestions])
    }
    interest_ids = set().union(*(s.shared_interests for s in suggestions))
    skill_ids = set().union(*(s.can_help_you | s.looking_for for s in suggestions))
    interests, skills = {}, {}
    tags = (
        Interest.objects.filter(pk__in=interest_ids)
        .order_by()
        .values_list("pk", "name", Value(INTERESTS, output_field=IntegerField()))
    )
    for pk, name, kind in tags.union(
        Skill.objects.filter(pk__in=skill_ids)
        .order_by()
        .values_list("pk", "name", Value(OFFERED, output_field=IntegerField())),
        all=True,
    ):
        (interests if kind == INTERESTS else skills)[pk] = name

    def names(ids, source):
        return sorted((source[pk] for pk in ids if pk in source), key=str.casefold)

    return [
        DetailedSuggestion(
            suggestion=suggestion,
            profile=profiles[suggestion.user_id],
            shared_interests=names(suggestion.shared_interests, interests),
            can_help_you=names(suggestion.can_help_you, skills),
            looking_for=names(suggestion.looking_for, skills),
        )
        for suggestion in suggestions
        if suggestion.user_id in profiles
    ]


@dataclass
class PersonMet:
    profile: Profile
    event: Event
    starts_at: object
    linked: bool


_HAS_MET = Prepared(
    lambda member, now: (
        Meeting.objects.accepted()
        .involving(member)
        .filter(event__ends_at__lt=now)
        .values_list("pk", flat=True)[:1]
    ),
    member=ID,
    now=MOMENT,
)


def people_met(member, viewer, *, now=None):
    """Whom `member` met through accepted meetings at events that have ended.

    The member sees all of them (linked where the profile is visible). Anyone else sees
    only meetings at events they may see, where both people showed their name among the
    attendees, with a person whose profile they may see. Three queries (one when none).
    """
    now = now or timezone.now()
    # The meetings with their events only; the people in a second read. Joining both
    # people's accounts and profiles as well made PostgreSQL spend ~5 ms (demo) to ~20 ms
    # (large data set) planning a query that runs in a fraction of a millisecond.
    met = Meeting.objects.accepted().involving(member).filter(event__ends_at__lt=now)
    # Most people have met nobody yet: a plain query says so (prepared), before the one
    # with every rule (building that one costs some milliseconds).
    if not _HAS_MET(member=member.pk, now=now):
        return []
    meetings = met.select_related("event").order_by("-starts_at", "pk")
    is_self = viewer.is_authenticated and viewer.pk == member.pk
    if not is_self:
        listed = Registration.objects.filter(event=OuterRef("event_id"), is_listed=True)
        meetings = meetings.filter(
            Exists(listed.filter(user=OuterRef("requester_id"))),
            Exists(listed.filter(user=OuterRef("invitee_id"))),
            event__in=visible_events(viewer, Event.objects.all()),
        )
    meetings = list(meetings)
    if not meetings:
        return []
    others = {
        meeting.invitee_id if meeting.requester_id == member.pk else meeting.requester_id
        for meeting in meetings
    }
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=others).select_related("user")
    }
    people = []
    for meeting in meetings:
        other = meeting.invitee_id if meeting.requester_id == member.pk else meeting.requester_id
        profile = profiles.get(other)
        if profile is None:
            continue
        visible = can_view_profile(viewer, profile)
        if is_self or visible:
            people.append(
                PersonMet(
                    profile=profile,
                    event=meeting.event,
                    starts_at=meeting.starts_at,
                    linked=visible,
                )
            )
    return people
