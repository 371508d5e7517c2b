"""The query budget's community (the privacy crawl's, grown by tests/performance/growth.py
as the test goes) and the table of query counts, printed at the end of the run."""

import pytest

# The same community and media folders as the privacy crawl, set up the same way.
from tests.privacy.conftest import _community_files, community  # noqa: F401

TABLE = pytest.StashKey[list]()
BUDGET = 15
HEAVIEST = 10


@pytest.fixture
def query_table(request):
    """Rows (URL name, path, as whom, queries small, queries large) for the summary."""
    rows = request.config.stash.setdefault(TABLE, [])
    rows.clear()
    return rows


def pytest_terminal_summary(terminalreporter, config):
    """The whole table with -s, -v or when a page is over; else its heaviest lines."""
    rows = config.stash.get(TABLE, None)
    if not rows:
        return
    write = terminalreporter.write_line
    over = [row for row in rows if row[4] > row[3] or max(row[3:]) > BUDGET]
    whole = over or config.getoption("capture") == "no" or config.getoption("verbose") > 0
    shown = rows if whole else sorted(rows, key=lambda row: -max(row[3:]))[:HEAVIEST]
    title = "queries per GET, small data and 10x"
    if not whole:
        title += f": the {HEAVIEST} heaviest of {len(rows)} pages (all with -s)"
    terminalreporter.section(f"query budget ({BUDGET}): {title}")
    width = max(len(row[0]) for row in shown)
    path_width = min(60, max(len(row[1]) for row in shown))
    write(f"{'URL name':<{width}}  {'path':<{path_width}}  {'as':<9} small  10x")
    for name, path, persona, small, large in shown:
        flag = "  <- grows" if large > small else "  <- over" if large > BUDGET else ""
        write(
            f"{name:<{width}}  {path[:path_width]:<{path_width}}  {persona:<9} "
            f"{small:>5}  {large:>3}{flag}"
        )
