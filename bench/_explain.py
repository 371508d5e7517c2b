"""EXPLAIN ANALYZE the SQL of the main pages on the large data set: where indexes are due.

Usage, once bench/_large.py has built the database (python -m bench large_data):
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_large \
        python -m bench._explain [threshold in ms, default 2] [page name ...]

Signs in as the demo member with Django's test client, requests each main page, and
prints, for every SELECT over the threshold, its execution time and the top of its plan.
Not a benchmark (the leading underscore keeps it out of `make bench`).
"""

import os
import re
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import _large  # noqa: E402
from members.models import User  # noqa: E402

EXECUTION = re.compile(r"Execution Time: ([\d.]+) ms")


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        lines = [row[0] for row in cursor.fetchall()]
    match = EXECUTION.search(lines[-1])
    return float(match.group(1)) if match else 0.0, lines


def main(args):
    threshold = float(args[0]) if args and args[0].replace(".", "").isdigit() else 2.0
    wanted = {arg for arg in args if not arg.replace(".", "").isdigit()}
    user = User.objects.get(email=_large.MEMBER_EMAIL)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    pages = _large.main_pages(_large.landmarks(user))
    for name, url in pages:
        if wanted and name not in wanted:
            continue
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        selects = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
        slow = []
        total = 0.0
        for sql in selects:
            ms, plan = explain(sql)
            total += ms
            if ms >= threshold:
                slow.append((ms, sql, plan))
        print(
            f"== {name} {url}: {response.status_code}, {len(queries)} queries,"
            f" {total:.1f} ms in EXPLAIN ANALYZE of the SELECTs"
        )
        for ms, sql, plan in sorted(slow, key=lambda item: -item[0]):
            print(f"  -- {ms:.1f} ms: {sql[:600]}")
            for line in plan[:14]:
                print(f"     {line}")


if __name__ == "__main__":
    main(sys.argv[1:])
