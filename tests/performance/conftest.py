"""The query budget's community (the privacy crawl's, grown by tests/performance/growth.py
as the test goes) and the table of query counts, printed at the end of the run."""

import pytest

from tests.privacy.community import community_for_module

TABLE = pytest.StashKey[list]()


@pytest.fixture(scope="module")
def community(django_db_setup, django_db_blocker, tmp_path_factory):
    with community_for_module(django_db_blocker, tmp_path_factory) as built:
        yield built


@pytest.fixture(autouse=True)
def _community_files(_isolated, settings, community, db):
    """The attachments live in the community's media folder, not the test's own."""
    settings.MEDIA_ROOT = community.media_root
    settings.PRIVATE_MEDIA_ROOT = community.private_media_root


@pytest.fixture
def query_table(request):
    """Rows (URL name, path, as whom, queries small, queries large) for the summary."""
    rows = request.config.stash.setdefault(TABLE, [])
    rows.clear()
    return rows


def pytest_terminal_summary(terminalreporter, config):
    rows = config.stash.get(TABLE, None)
    if not rows:
        return
    terminalreporter.section("query budget: queries per GET, small data and 10x")
    width = max(len(row[0]) for row in rows)
    path_width = min(60, max(len(row[1]) for row in rows))
    terminalreporter.write_line(
        f"{'URL name':<{width}}  {'path':<{path_width}}  {'as':<9} small  10x"
    )
    for name, path, persona, small, large in rows:
        flag = "  <- grows" if large > small else ""
        terminalreporter.write_line(
            f"{name:<{width}}  {path[:path_width]:<{path_width}}  {persona:<9} "
            f"{small:>5}  {large:>3}{flag}"
        )
