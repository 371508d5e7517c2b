"""The one plan PostgreSQL keeps for each prepared query of the main pages, on the large data
set, against the plan it makes for the values.

common.prepared prepares the pages' busiest queries on the server, and after five calls
PostgreSQL may keep a generic plan: one plan for every value, made for the average value.
On skewed data that plan can read a big list whole and sort it (15 ms where the plan for the
values took 0.5, common/prepared.py says how it was found and what fixes it). Nothing else
would notice a new query falling into that: the pages' figures are medians of one member's
pages.

Signed in as the demo member on the large data set (bench/_large.py), each main page is
asked for in-process; every query common.prepared sends prepared is noted with its values,
prepared again here and called as PostgreSQL's plan cache would see it on a connection whose
first calls were the member's (timed()): the plan it keeps is timed against the plan for the
values (EXPLAIN ANALYZE, the fastest of ROUNDS each). The figure is the query whose kept plan
loses the most. Target: none more than MARGIN_MS slower than the plan for its values.
Needs PostgreSQL.
"""

import json
import re
from contextlib import contextmanager

from django.db import connection
from django.test import Client
from psycopg import sql as psql

from bench._pages import main_pages
from bench._table import Result
from common import prepared

ROUNDS = 3
MARGIN_MS = 2.0
_FROM = re.compile(r'\bFROM "(\w+)"')


@contextmanager
def noted_prepared():
    """[(sql, params)] of the queries common.prepared sends prepared meanwhile."""
    noted = []
    send = prepared._execute_prepared

    def noting(raw, cursor, sql, params):
        noted.append((sql, list(params)))
        return send(raw, cursor, sql, params)

    prepared._execute_prepared = noting
    try:
        yield noted
    finally:
        prepared._execute_prepared = send


def page_queries(member):
    """{(sql, params): page name}: the prepared queries of each main page, as the member."""
    client = Client(HTTP_HOST="localhost")
    client.force_login(member)
    found = {}
    for name, path in main_pages(member):
        with noted_prepared() as noted:
            response = client.get(path)
        if response.status_code != 200:
            raise AssertionError(f"{path} answered {response.status_code}")
        for sql, params in noted:
            found.setdefault((sql, repr(params)), (name, sql, params))
    return list(found.values())


def _explained(cursor, execute):
    """(planning ms, execution ms) of the fastest of ROUNDS EXPLAIN ANALYZE of `execute`."""
    best = None
    for _ in range(ROUNDS):
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {execute}")
        plan = cursor.fetchone()[0]
        plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]
        if best is None or plan["Execution Time"] < best[1]:
            best = (plan.get("Planning Time", 0.0), plan["Execution Time"])
    return best


def timed(sql, params):
    """(the plan PostgreSQL keeps: (planning ms, execution ms), whether it is the generic
    one, the plan for the values: (planning ms, execution ms)). PostgreSQL plans a prepared
    statement's first five calls for their values, then keeps the generic plan if its cost
    estimate is no higher than theirs: the statement is called five times with these values
    (the member's, heavy ones) before the sixth is measured."""
    numbered = iter(range(1, len(params) + 1))
    statement = re.sub(r"%s", lambda _match: f"${next(numbered)}", sql)
    raw = connection.connection
    values = ", ".join(psql.Literal(value).as_string(raw) for value in params)
    execute = f"EXECUTE bench_generic({values})" if params else "EXECUTE bench_generic"
    with connection.cursor() as cursor:
        cursor.execute(f"PREPARE bench_generic AS {statement}")
        try:
            for _ in range(5):
                cursor.execute(execute)
            kept = _explained(cursor, execute)
            cursor.execute(
                "SELECT generic_plans FROM pg_prepared_statements WHERE name = 'bench_generic'"
            )
            generic = cursor.fetchone()[0] > 0
            cursor.execute("SET plan_cache_mode = force_custom_plan")
            custom = _explained(cursor, execute)
        finally:
            cursor.execute("RESET plan_cache_mode")
            cursor.execute("DEALLOCATE bench_generic")
    return kept, generic, custom


def run():
    if connection.vendor != "postgresql":
        return [Result.skipped("generic plans of the pages' queries", "needs PostgreSQL")]
    from bench import _large

    _large.ensure()
    with _large.connected() as member:
        rows = []
        for name, sql, params in page_queries(member):
            kept, generic, custom = timed(sql, params)
            rows.append((kept[1] - custom[1], name, sql, kept, generic, custom))
    title = "generic plans of the main pages' prepared queries (large data set)"
    if not rows:
        return [Result(title, "no query was sent prepared", "", None, "some", False)]
    rows.sort(key=lambda row: row[0], reverse=True)
    for gap, name, sql, kept, generic, custom in rows:
        if gap > MARGIN_MS:
            print(f"   the plan kept is slower by {gap:.1f} ms: {name}, {sql[:300]}")
            print(f"   (kept {kept}, generic: {generic}; for the values {custom})")
    gap, name, sql, kept, generic, custom = rows[0]
    table = _FROM.search(sql)
    where = f"{name}, {table.group(1) if table else 'a query'}"
    generics = sum(1 for row in rows if row[4])
    return [
        Result(
            title,
            f"{len(rows)} queries, {generics} on a generic plan; worst: {kept[1]:.2f} ms"
            f" ({where}, {'generic' if generic else 'custom'} plan)",
            f"its plan for the values {custom[1]:.2f} ms",
            kept[1] / custom[1] if custom[1] else 1.0,
            f"each ≤ its plan for the values + {MARGIN_MS:g} ms",
            gap <= MARGIN_MS,
        )
    ]
