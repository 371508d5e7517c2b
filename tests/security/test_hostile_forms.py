"""Issue 9: every form of the site, as each persona, with hostile values in each field in
turn (the other fields as the page offered them), and the same form sent twice.

No answer is a server error; a refused request (400 and above) leaves every table as it
was; a second identical submit adds nothing where one thing is meant. The forms are found
by crawling the site (the pages of the privacy crawl, tests/privacy/routes.py), so a new
form joins the sweep by itself. One test per URL name a form sends to: a failure names
the form, the persona, the field and the value."""

import pytest

from tests.security.crawler import named_routes
from tests.security.sweep import PERSONAS, Sweeper

pytestmark = pytest.mark.django_db

ROUTES = named_routes()


def foreign_ids(community):
    """Ids of things a hidden field should not be able to name: another space's (the
    secret one), another event's (the draft), another thread's."""
    return sorted(
        {
            community.spaces["secret"].pk,
            community.events["draft"].pk,
            community.threads["secret"].pk,
        }
    )


def test_every_page_that_holds_forms_opens(community):
    assert community.found.page_errors == [], "\n".join(community.found.page_errors)


@pytest.mark.usefixtures("sweep_settings")
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_hostile_values_never_break_a_form(community, route):
    forms = community.found.forms.get(route.name, [])
    if not forms:
        pytest.skip("no page offers a form that sends here")
    sweeper = Sweeper(community)
    swept = set()
    for persona, form in forms:
        key = form.signature()
        sample = PERSONAS.index(persona) if key in swept else None
        swept.add(key)
        sweeper.sweep(persona, form, foreign_ids(community), sample=sample)
    assert sweeper.failures == [], "\n".join(sweeper.failures)
