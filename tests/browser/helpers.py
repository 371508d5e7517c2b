"""What the browser tests share."""

import re
import time

from playwright.sync_api import expect

from tests.factories import PASSWORD


def sign_in(page, user):
    """Through the sign-in page, as a member would, without reading a translated label."""
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("form[action$='/accounts/logout/']")).to_have_count(1)


def sign_in_with_code(page, user, secret):
    """Staff: the password, then the code their authenticator app would show for `secret`."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]:not([form])").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.fill("input[name=code]", code)
    page.locator("main form button[type=submit]:not([form])").click()
    expect(page.locator("form[action$='/accounts/logout/']")).to_have_count(1)
