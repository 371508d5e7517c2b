"""Matchmaking for all 2,000 attendees of an event, as a ratio to one raw SQL read.

The raw read is one SQL query returning the same rows (the ratio is the figure).

Each attendee has about 10 interests (of 60) and a few skills offered and sought (of 30).
The matchmaking reads the attendees and their tags and ranks the top 20 people, with the
reasons, for each of the 2,000 attendees; the raw read is one SQL query returning each
attendee's user id with their tag ids through the three through tables.
Target: the whole computation under 10x the raw read, both timed in turn in each round
(so both see the same load on the machine), the median of each taken. The plain scorer
(`Matchmaker.suggestions_for` for each attendee, one round) is shown beside it: the
reason `suggestions_for_all` keeps its fast path.
"""

import gc
import random
import statistics
import time
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from bench._table import Result
from events import matchmaking
from events.models import Event, Registration
from members.models import (
    Interest,
    Profile,
    Skill,
    TaggedInterest,
    TaggedSkillOffered,
    TaggedSkillSought,
    User,
)

ATTENDEES = 2000
ROUNDS = 5
TARGET_RATIO = 10

RAW_READ = """
SELECT r.user_id, t.kind, t.tag_id
FROM events_registration r
JOIN members_profile p ON p.user_id = r.user_id
JOIN (
    SELECT content_object_id, 0 AS kind, tag_id FROM members_taggedinterest
    UNION ALL SELECT content_object_id, 1, tag_id FROM members_taggedskilloffered
    UNION ALL SELECT content_object_id, 2, tag_id FROM members_taggedskillsought
) t ON t.content_object_id = p.id
WHERE r.event_id = %s AND r.status = 'confirmed'
"""


def build_event():
    rng = random.Random(2000)
    interests = [
        Interest.objects.create(name=f"Thème {n}", slug=f"bench-theme-{n}") for n in range(60)
    ]
    skills = [
        Skill.objects.create(name=f"Savoir-faire {n}", slug=f"bench-savoir-faire-{n}")
        for n in range(30)
    ]
    password = make_password("bench-password")
    users = User.objects.bulk_create(
        [User(email=f"bench-attendee{n}@example.org", password=password) for n in range(ATTENDEES)]
    )
    profiles = Profile.objects.bulk_create(
        [Profile(user=user, display_name=f"Personne {n:05}") for n, user in enumerate(users)]
    )
    TaggedInterest.objects.bulk_create(
        TaggedInterest(content_object=profile, tag=tag)
        for profile in profiles
        for tag in rng.sample(interests, rng.randint(8, 12))
    )
    TaggedSkillOffered.objects.bulk_create(
        TaggedSkillOffered(content_object=profile, tag=tag)
        for profile in profiles
        for tag in rng.sample(skills, rng.randint(1, 3))
    )
    TaggedSkillSought.objects.bulk_create(
        TaggedSkillSought(content_object=profile, tag=tag)
        for profile in profiles
        for tag in rng.sample(skills, rng.randint(1, 3))
    )
    start = timezone.now() + timedelta(days=7)
    event = Event.objects.create(
        title="Grand rassemblement",
        slug="grand-rassemblement",
        starts_at=start,
        ends_at=start + timedelta(hours=8),
        venue="Palais des congrès",
    )
    Registration.objects.bulk_create(
        Registration(
            event=event, user=user, status=Registration.Status.CONFIRMED, suggest_me=n % 20 != 0
        )
        for n, user in enumerate(users)
    )
    return event


def median_side_by_side(rounds, *works):
    """Each work timed once per round, one after the other; the median time of each and
    the last result of each."""
    timings = [[] for _ in works]
    results = [None] * len(works)
    for _ in range(rounds):
        for n, work in enumerate(works):
            start = time.perf_counter()
            results[n] = work()
            timings[n].append(time.perf_counter() - start)
    return [statistics.median(times) for times in timings], results


def timed(work):
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def plain_for_everyone(event):
    matchmaker = matchmaking.Matchmaker.for_event(event)
    paused = gc.isenabled()
    gc.disable()
    try:
        return {a.user_id: matchmaker.suggestions_for(a.user_id) for a in matchmaker.attendees}
    finally:
        if paused:
            gc.enable()


def run():
    event = build_event()

    def raw_read():
        with connection.cursor() as cursor:
            cursor.execute(RAW_READ, [event.pk])
            return cursor.fetchall()

    (raw_time, match_time), (rows, everyone) = median_side_by_side(
        ROUNDS, raw_read, lambda: matchmaking.suggestions_for_all(event)
    )
    plain_time = timed(lambda: plain_for_everyone(event))
    ratio = match_time / raw_time
    suggested = sum(len(suggestions) for suggestions in everyone.values())
    print(f"   raw read of {len(rows):,} tag rows:        {raw_time * 1000:7.1f} ms")
    print(
        f"   suggestions for {len(everyone):,} attendees "
        f"({suggested:,} in all): {match_time * 1000:7.1f} ms"
    )
    print(f"   ratio: {ratio:.1f} (target < {TARGET_RATIO})")
    print(
        f"   (the plain scorer for each attendee: {plain_time * 1000:,.0f} ms, "
        f"ratio {plain_time / raw_time:.0f})"
    )
    return [
        Result(
            f"matchmaking, suggestions for {len(everyone):,} attendees",
            f"{match_time * 1000:.1f} ms",
            f"{raw_time * 1000:.1f} ms (one SQL read of the same tags)",
            ratio,
            f"ratio < {TARGET_RATIO}",
            ratio < TARGET_RATIO and len(everyone) == ATTENDEES,
        ),
        Result(
            "matchmaking, plain scorer per attendee (kept for one person)",
            f"{plain_time * 1000:,.0f} ms",
            f"{raw_time * 1000:.1f} ms (the same read)",
            plain_time / raw_time,
            "none (why the fast path stays)",
        ),
    ]
