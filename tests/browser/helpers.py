"""What the browser tests share."""

from playwright.sync_api import expect

from tests.factories import PASSWORD


def sign_in(page, user):
    """Through the sign-in page, as a member would, without reading a translated label."""
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("form[action$='/accounts/logout/']")).to_have_count(1)
