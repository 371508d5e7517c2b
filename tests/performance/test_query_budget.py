"""The query budget: every page of the site, reversed with real objects as the privacy crawl
does (tests/privacy/routes.py), runs at most 15 queries, and no more when the data it
lists grows tenfold. The table of counts is printed at the end of the run.

Each page is read as the persona who sees the most of it: alice (owner of every space,
registered to every event, seated at the tables), staff for the staff pages, a visitor
for the pages only visitors get. The admin joins with its lists (every changelist, as
staff): the rest of the admin shows one object, and the privacy crawl opens it all.
"""

from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.performance.conftest import BUDGET
from tests.performance.growth import grow
from tests.privacy.admin_pages import admin_cases
from tests.privacy.cases import REDIRECT
from tests.privacy.crawl import named_patterns, read, url_of
from tests.privacy.routes import ROUTES

# Who reads each page: the first of these who gets it (a 200, else a redirect).
READERS = ("alice", "staff", "bob", "hidden", "outsider", "removed", "anonymous")


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    persona: str
    status: object  # 200 or REDIRECT


def reader_of(case):
    for wanted in (200, REDIRECT):
        for persona in READERS:
            if case.expect[persona] == wanted:
                return persona, wanted
    return None, None


def pages_of(community):
    """One Page per case of the crawl table that some persona may GET; POST-only
    addresses and refusals are not pages."""
    placeholders = {key: user.profile.pk for key, user in community.users.items()}
    pages = []
    for name, make in ROUTES.items():
        for case in make(community, name):
            persona, status = reader_of(case)
            if persona is not None:
                query = case.query.format(**placeholders)
                url = url_of(case, query, case.languages[0])
                pages.append(Page(name, url, persona, status))
    return pages + admin_lists(community)


def admin_lists(community):
    """The admin's changelists staff may open."""
    names = {
        name
        for name, _route in named_patterns()
        if name and name.startswith("admin:") and name.endswith("_changelist")
    }
    cases, _unknown = admin_cases(community, names)  # the privacy crawl reports unknowns
    return [
        Page(case.name, url_of(case, "", "fr"), "staff", 200)
        for case in cases
        if not case.suffix and case.expect["staff"] == 200
    ]


def queries_of(community, page):
    """(queries of a repeat visit, what went wrong or "")."""
    client = community.clients[page.persona]
    client.get(page.url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.url)
    fetched = read(page.url, response)
    if fetched.outcome != page.status:
        return len(captured), f"answered {fetched.describe()}, expected {page.status}"
    return len(captured), ""


def test_every_url_name_of_the_site_has_a_case():
    """A new page joins the budget through the crawl table; one missing from it fails."""
    missing = sorted(
        {
            name
            for name, _route in named_patterns()
            if name and not name.startswith("admin:") and name not in ROUTES
        }
    )
    assert not missing, (
        "These URL names have no case in tests/privacy/routes.py, so neither the privacy "
        "crawl nor the query budget reaches them: " + ", ".join(missing)
    )


# GET pages no persona of the community gets: allauth's recovery codes (no one has any).
UNCOUNTED = {"mfa_view_recovery_codes", "mfa_download_recovery_codes"}


def test_every_address_is_counted_unless_it_only_takes_posts(community):
    counted = {page.name for page in pages_of(community)}
    uncounted = sorted(
        name
        for name, make in ROUTES.items()
        if name not in counted
        and name not in UNCOUNTED
        and any(
            status != 405
            for case in make(community, name)
            for persona, status in case.expect.items()
            if persona != "anonymous"
        )
    )
    assert not uncounted, (
        "No persona gets these pages, so the query budget cannot count them: give one a "
        "case in tests/privacy/routes.py where someone may read it: " + ", ".join(uncounted)
    )


def test_no_page_runs_more_than_15_queries_nor_more_when_the_data_grows_10x(community, query_table):
    pages = pages_of(community)
    assert {page.name for page in pages} >= {"home", "members:directory", "spaces:thread"}
    grow(community, 1)
    small = {page: queries_of(community, page) for page in pages}
    grow(community, 9)
    large = {page: queries_of(community, page) for page in pages}
    failures = []
    for page in pages:
        (before, trouble_before), (after, trouble_after) = small[page], large[page]
        query_table.append((page.name, page.url, page.persona, before, after))
        where = f"{page.name} [{page.url}] as {page.persona}"
        for size, trouble in (("small", trouble_before), ("10x", trouble_after)):
            if trouble:
                failures.append(f"{where} ({size}): {trouble}")
        if after > before:
            failures.append(f"{where}: {before} queries, {after} with 10x the data")
        if max(before, after) > BUDGET:
            failures.append(f"{where}: {max(before, after)} queries, over the {BUDGET} budget")
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)
