"""One row per measured figure: what every benchmark's run() returns, and the table they make.

A benchmark measures its figure side by side with a reference in the same run (a bare
view, a raw read, bare Redis, the smaller data set) and states its target; the table
prints them all, and `make bench` writes it to bench/results/latest.md.
"""

import os
import platform
import statistics
import time
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


def speed_probe():
    """Milliseconds for a fixed piece of plain Python (the median of five): the machine's
    speed at the time. A shared machine runs at different speeds from one day to the next
    (twice as slow, seen here), which moves every figure in ms; the ratios stay."""
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for number in range(2_000_000):
            total += number
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def markdown(results, *, database, probes=(), when=None):
    when = when or datetime.now(UTC).date()  # Django sets TZ to TIME_ZONE: not the local day
    lines = [
        "# Benchmarks: latest run",
        "",
        f"Run on {when.isoformat()} (UTC) by `make bench`, on {machine()}; database: {database}.",
        "Each figure is the median of several rounds, measured beside its reference in the "
        "same run.",
    ]
    if probes:
        lines.append(
            "Speed probe (2,000,000 additions in plain Python, bench._table.speed_probe): "
            + " at the start, ".join(f"{probe:.0f} ms" for probe in probes)
            + " at the end of the run; the figures in ms move with it."
        )
    lines += [
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join("---" for _ in HEADERS) + "|",
    ]
    for result in results:
        cells = (cell.replace("|", "\\|") for cell in _cells(result))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
