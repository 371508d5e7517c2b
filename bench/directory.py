"""Directory page time and queries at 200 and 2,000 members (the ratio is the figure).

The page lists a fixed number of members, so ten times the members should cost
about the same: target, the 2,000-member page under 1.5x the 200-member page, and
the same number of SQL queries.
"""

import statistics
import time

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench._table import Result
from members.models import Interest, Profile, Skill, TaggedInterest, TaggedSkillOffered, User

TARGET_RATIO = 1.5
REQUESTS = 30
WARM_UP = 3


def add_members(start, stop, interests, skills, password):
    users = User.objects.bulk_create(
        [User(email=f"bench{n}@example.org", password=password) for n in range(start, stop)]
    )
    profiles = Profile.objects.bulk_create(
        [
            Profile(user=user, display_name=f"Membre {n:05}")
            for n, user in zip(range(start, stop), users, strict=True)
        ]
    )
    TaggedInterest.objects.bulk_create(
        [
            TaggedInterest(content_object=profile, tag=interests[(n + k) % len(interests)])
            for n, profile in enumerate(profiles)
            for k in range(5)
        ]
    )
    TaggedSkillOffered.objects.bulk_create(
        [
            TaggedSkillOffered(content_object=profile, tag=skills[n % len(skills)])
            for n, profile in enumerate(profiles)
        ]
    )


def analyze():
    """The statistics a live database has (autovacuum gathers them): without them,
    PostgreSQL plans the grown directory on the counts of the small one."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(client, url):
    for _ in range(WARM_UP):  # templates compiled, caches filled, connection open
        client.get(url)
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


def run():
    password = make_password("bench-password")
    interests = [
        Interest.objects.create(name=f"Intérêt {n}", slug=f"interet-{n}") for n in range(30)
    ]
    skills = [
        Skill.objects.create(name=f"Compétence {n}", slug=f"competence-{n}") for n in range(20)
    ]
    viewer = User.objects.create(email="viewer@example.org", password=password)
    Profile.objects.filter(user=viewer).update(display_name="Viewer")
    client = Client(HTTP_HOST="localhost")
    client.force_login(viewer)
    url = "/en/members/?interest=interet-3"

    add_members(0, 200, interests, skills, password)
    analyze()
    small_time, small_queries = measure(client, url)
    add_members(200, 2000, interests, skills, password)
    analyze()
    large_time, large_queries = measure(client, url)

    ratio = large_time / small_time
    same = small_queries == large_queries
    return [
        Result(
            "directory page, 2,000 vs 200 members",
            f"{large_time * 1000:.1f} ms, {large_queries} queries",
            f"{small_time * 1000:.1f} ms, {small_queries} queries",
            ratio,
            f"ratio < {TARGET_RATIO}, same queries",
            ratio < TARGET_RATIO and same,
        )
    ]
