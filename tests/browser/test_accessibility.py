import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNLABELLED_FIELDS = """
() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter(field => !(field.labels && field.labels.length) && !field.getAttribute('aria-label'))
  .map(field => field.name)
"""


def test_the_first_tab_reaches_the_skip_link_which_leads_to_the_content(new_page, db):
    page = new_page()
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(page.url.split("#")[0] + "#main")


def test_every_form_field_has_a_label(new_page, alice):
    page = new_page()
    for url in ["/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"]:
        page.goto(url)
        assert page.evaluate(UNLABELLED_FIELDS) == [], url
    page.goto("/accounts/login/")
    page.fill("input[name=login]", alice.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    for url in ["/members/me/edit/", "/members/"]:
        page.goto(url)
        assert page.evaluate(UNLABELLED_FIELDS) == [], url
