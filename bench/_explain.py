"""EXPLAIN ANALYZE the SQL of the main pages on the large data set: where indexes are due.

Usage, once bench/_large.py has built the database (python -m bench large_data):
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_large \
        python -m bench._explain [threshold in ms, default 2] [page name ...] [--compare]

Signs in as the demo member with Django's test client, requests each main page, and
prints, for every SELECT over the threshold, its execution time and the top of its plan.
With --compare, each such SELECT is also timed (median of five EXPLAIN ANALYZE) without
the indexes named in INDEXES, dropped inside a transaction that is rolled back: the
before and after of those indexes, side by side in the same run.
Not a benchmark (the leading underscore keeps it out of `make bench`).
"""

import os
import re
import statistics
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import _large  # noqa: E402
from bench._pages import main_pages  # noqa: E402
from members.models import User  # noqa: E402

EXECUTION = re.compile(r"Execution Time: ([\d.]+) ms")
# The indexes added for the main pages at this size (see the models' Meta.indexes).
INDEXES = [
    "thread_shown_space_order",
    "thread_shown_newest",
    "thread_answered_newest",
    "thread_answered_in_space",
    "direct_message_unread",
    "space_membership_state",
    "registration_confirmed_order",
    "profile_directory_order",
]
ROUNDS = 5


class Rollback(Exception):
    pass


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        lines = [row[0] for row in cursor.fetchall()]
    match = EXECUTION.search(lines[-1])
    return float(match.group(1)) if match else 0.0, lines


def median_ms(sql):
    return statistics.median(explain(sql)[0] for _ in range(ROUNDS))


def without_indexes(sqls):
    """The median time of each query with the indexes dropped, then put back."""
    times = {}
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for name in INDEXES:
                cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
            times = {sql: median_ms(sql) for sql in sqls}
            raise Rollback
    except Rollback:
        pass
    return times


def main(args):
    compare = "--compare" in args
    args = [arg for arg in args if arg != "--compare"]
    threshold = float(args[0]) if args and args[0].replace(".", "").isdigit() else 2.0
    wanted = {arg for arg in args if not arg.replace(".", "").isdigit()}
    user = User.objects.get(email=_large.MEMBER_EMAIL)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    pages = main_pages(user)
    for name, url in pages:
        if wanted and name not in wanted:
            continue
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        selects = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
        before = without_indexes(selects) if compare else {}
        slow = []
        total = 0.0
        for sql in selects:
            ms, plan = explain(sql)
            if compare:
                ms = median_ms(sql)
            total += ms
            if max(ms, before.get(sql, 0)) >= threshold:
                slow.append((ms, sql, plan))
        summary = f"{total:.1f} ms"
        if compare:
            summary = f"{sum(before.values()):.1f} ms without the indexes, {summary} with"
        print(
            f"== {name} {url}: {response.status_code}, {len(queries)} queries,"
            f" {summary} in EXPLAIN ANALYZE of the SELECTs"
        )
        for ms, sql, plan in sorted(slow, key=lambda item: -item[0]):
            if compare:
                print(f"  -- {before[sql]:.1f} ms without, {ms:.1f} ms with: {sql}")
            else:
                print(f"  -- {ms:.1f} ms: {sql}")
            for line in plan[:40]:
                print(f"     {line}")


if __name__ == "__main__":
    main(sys.argv[1:])
