"""The large data set on PostgreSQL: built once (target under 10 minutes), then reused.

bench/_large.py builds it; this reports the time of the build (or of the reuse, with the
time the build took) and the row counts against the issue's sizes.
"""

from django.db import connection

from bench import _large
from bench._table import Result

TARGET_SECONDS = 600


def run():
    if connection.vendor != "postgresql":
        return [Result.skipped("large data set", "needs PostgreSQL (DATABASE_URL)")]
    done = _large.ensure()
    build = done["build_seconds"]
    if done["reused"]:
        figure = f"reused in {done['seconds']:.1f} s"
        reference = f"built in {build:.0f} s"
    else:
        figure = f"built in {build:.0f} s"
        reference = ""
    rows = [
        Result(
            "large data set: build",
            figure,
            reference,
            target=f"build < {TARGET_SECONDS} s",
            passed=build < TARGET_SECONDS,
        )
    ]
    counts = done["counts"]
    for name, minimum in _large.MINIMUMS.items():
        count = counts.get(name, 0)
        rows.append(
            Result(
                f"large data set: {name}",
                f"{count:,}",
                target=f">= {minimum:,}",
                passed=count >= minimum,
            )
        )
    return rows
