"""Server time of each main page, signed in: the demo community (target 15 ms) and the large
data set (25 ms), beside the bare view through the same middleware.

Each page is asked for in-process through Django's whole request handler (every
middleware, the cached template loader, DEBUG off), as the demo member, after a warm-up;
rounds interleave the pages and the bare view (/health/), and each figure is the median
request of ROUNDS rounds. The large data set needs PostgreSQL (bench/_large.py).
"""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench._pages import load_demo, main_pages
from bench._table import Result
from demo.members import MEMBER_EMAIL
from members.models import User

ROUNDS = 30
DEMO_BUDGET_MS = 15
LARGE_BUDGET_MS = 25


def measure(client, pages):
    """{name: (median seconds, queries)} for each (name, path), and the bare view's median."""
    paths = [("bare view", "/health/"), *pages]
    for _, path in paths:  # warm up: templates compiled, caches filled, connection open
        for _ in range(3):
            response = client.get(path)
            if response.status_code != 200:
                raise AssertionError(f"{path} answered {response.status_code}")
    timings = {name: [] for name, _ in paths}
    for _ in range(ROUNDS):
        for name, path in paths:
            start = time.perf_counter()
            client.get(path)
            timings[name].append(time.perf_counter() - start)
    figures = {}
    for name, path in paths:
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        figures[name] = (statistics.median(timings[name]), len(queries))
    return figures


def rows(figures, *, data, budget_ms):
    bare, _ = figures.pop("bare view")
    results = []
    for name, (seconds, queries) in figures.items():
        ms = seconds * 1000
        results.append(
            Result(
                f"page time, {name} ({data})",
                f"{ms:.1f} ms, {queries} queries",
                f"bare view {bare * 1000:.2f} ms",
                seconds / bare,
                f"≤ {budget_ms} ms",
                ms <= budget_ms,
            )
        )
    return results


def signed_in(member):
    client = Client(HTTP_HOST="localhost")
    client.force_login(member)
    return client


def run():
    load_demo()
    member = User.objects.get(email=MEMBER_EMAIL)
    results = rows(
        measure(signed_in(member), main_pages(member)), data="demo", budget_ms=DEMO_BUDGET_MS
    )
    try:
        from bench import _large
    except ImportError:
        return [*results, Result.skipped("page time, large data set", "bench/_large.py missing")]
    if connection.vendor != "postgresql":
        return [*results, Result.skipped("page time, large data set", "needs PostgreSQL")]
    _large.ensure()
    with _large.connected() as member:
        figures = measure(signed_in(member), main_pages(member))
    return [*results, *rows(figures, data="large", budget_ms=LARGE_BUDGET_MS)]
