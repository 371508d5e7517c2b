"""One row per measured figure: what every benchmark's run() returns, and the table they make.

A benchmark measures its figure side by side with a reference in the same run (a bare
view, a raw read, bare Redis, the smaller data set) and states its target; the table
prints them all, and `make bench` writes it to bench/results/latest.md.
"""

import os
import platform
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Result:
    benchmark: str  # what was measured: "directory, 2,000 vs 200 members"
    figure: str  # the figure, with its unit: "12.3 ms"
    reference: str = ""  # the reference measured in the same run: "10.1 ms (200 members)"
    ratio: float | None = None  # figure / reference, where both are numbers
    target: str = ""  # "ratio < 1.5", "p99 < 250 ms"
    passed: bool | None = None  # None: not measured here (skipped, with the reason as figure)

    @classmethod
    def skipped(cls, benchmark, why):
        return cls(benchmark, f"skipped: {why}")

    @property
    def verdict(self):
        return {True: "pass", False: "FAIL", None: "–"}[self.passed]


HEADERS = ("benchmark", "figure", "reference (same run)", "ratio", "target", "result")


def _cells(result):
    ratio = "" if result.ratio is None else f"{result.ratio:.2f}"
    return (result.benchmark, result.figure, result.reference, ratio, result.target, result.verdict)


def text_table(results):
    rows = [HEADERS, *(_cells(r) for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def machine():
    cores = os.cpu_count()
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            kib = int(meminfo.readline().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.machine()}, {cores} cores{memory}, Python {platform.python_version()}"


def markdown(results, *, database, when=None):
    when = when or datetime.now(UTC).date()  # Django sets TZ to TIME_ZONE: not the local day
    lines = [
        "# Benchmarks: latest run",
        "",
        f"Run on {when.isoformat()} (UTC) by `make bench`, on {machine()}; database: {database}.",
        "Each figure is the median of several rounds, measured beside its reference in the "
        "same run.",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join("---" for _ in HEADERS) + "|",
    ]
    for result in results:
        cells = (cell.replace("|", "\\|") for cell in _cells(result))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
