"""Under the Content-Security-Policy, in a real browser: the pages of the libraries we
render (the admin, allauth and its two-factor pages) and our HTMX and live pages break no
rule and still work. Every browser test fails on a violation (tests/browser/conftest.py);
these visit what the journeys do not."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from events import services
from spaces.models import Membership
from tests.browser import urls_rate_limited
from tests.factories import make_space, make_thread
from tests.helpers import sign_in, sign_in_with_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_LINKS = "() => [...document.querySelectorAll('#content-main a')].map(a => a.pathname)"


def test_the_watch_catches_a_violation(new_page):
    page = new_page()
    page.goto("/accounts/login/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    expect(page.locator("p[style]")).to_have_count(1)
    page.wait_for_function("() => true")  # the console message arrives with the next round trip
    assert len(new_page.csp_violations) == 1
    assert "style-src 'self'" in new_page.csp_violations[0]
    new_page.csp_violations.clear()


def test_admin_pages_break_no_rule(new_page, staff_with_totp, alice, make_event):
    event = make_event(title="Forum logement", slug="forum")
    page = new_page()
    secret = Authenticator.objects.get(user=staff_with_totp).data["secret"]
    sign_in_with_code(page, staff_with_totp, secret)

    page.goto("/admin/")
    links = sorted(set(page.evaluate(ADMIN_LINKS)))
    assert "/admin/events/event/" in links
    assert "/admin/events/event/add/" in links
    for link in links:
        response = page.goto(link)
        assert response.status == 200, link
        expect(page.locator("#content")).to_be_visible()
    for link in [
        f"/admin/events/event/{event.pk}/change/",
        f"/admin/members/user/{alice.pk}/change/",
    ]:
        page.goto(link)
        expect(page.locator("#content-main form")).to_be_visible()


def test_account_pages_break_no_rule(new_page, alice):
    visitor = new_page()
    for url in ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]:
        visitor.goto(url)
        expect(visitor.locator("main form")).to_be_visible()

    page = new_page()
    sign_in(page, alice)
    for url in ["/accounts/email/", "/accounts/password/change/", "/accounts/2fa/"]:
        page.goto(url)
        expect(page.locator("main h1")).to_be_visible()
    # The authenticator app's QR code is a data: image. Setting up a first authenticator
    # right after signing in does not ask for the password again.
    page.goto("/accounts/2fa/totp/activate/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    qr = page.locator("main form img")
    expect(qr).to_have_attribute("src", re.compile(r"^data:image/svg\+xml"))
    assert page.evaluate("img => img.naturalWidth", qr.element_handle()) > 0
    # An address change waiting for its confirmation.
    page.goto("/accounts/email/")
    page.fill("input[name=email]", "alice.tremblay@example.org")
    page.locator("main form button[name=action_add]").click()
    expect(page.locator("main")).to_contain_text("alice.tremblay@example.org")


def test_htmx_and_live_pages_work_under_the_policy(
    live_page, alice, bob, staff, make_event, settings
):
    settings.MAILLAGE_STAFF_REQUIRE_TWO_FACTOR = False  # 2FA has its own tests
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, bob, title="Semences à partager")
    event = make_event(title="Forum logement", slug="forum")
    services.register(event=event, user=alice)
    alice_page, bob_page, host = live_page(), live_page(), live_page()
    sign_in(alice_page, alice)
    sign_in(bob_page, bob)
    sign_in(host, staff)

    # The directory filters as one types (HTMX swaps the results).
    alice_page.goto("/members/")
    alice_page.fill("input[name=q]", "Bob")
    results = alice_page.locator("#directory-results")
    expect(results.get_by_role("link", name="Bob Gagnon")).to_be_visible()
    expect(results.get_by_role("link", name="Alice Tremblay")).to_have_count(0)

    # A reaction swaps the reaction bar in place.
    alice_page.goto(f"/spaces/{space.slug}/threads/{thread.pk}/")
    bar = alice_page.locator(f"#reactions-thread-{thread.pk}")
    bar.locator("button[name=emoji]").first.click()
    expect(bar.locator(".reaction-mine .count")).to_have_text("1")
    assert thread.reactions.filter(user=alice).count() == 1

    # Bob writes to Alice: her messages badge rises live, and his next message reaches
    # her conversation page live.
    alice_page.goto("/")
    badge = alice_page.locator("[data-unread-messages]")
    expect(badge).to_be_hidden()
    bob_page.goto(f"/messages/new/?to={alice.profile.pk}")
    bob_page.fill("textarea[name=body]", "Bonjour Alice")
    bob_page.locator("main form button[type=submit]").click()
    expect(bob_page).to_have_url(re.compile(r"/messages/\d+/$"))
    expect(badge).to_have_text("1", timeout=3000)
    alice_page.goto(bob_page.url)
    expect(alice_page.locator("[data-chat]")).to_have_attribute("data-connected", "true")
    expect(bob_page.locator("[data-chat]")).to_have_attribute("data-connected", "true")
    bob_page.fill("input[name=body]", "Tu viens au forum ?")
    bob_page.locator("[data-chat-form] button[type=submit]").click()
    expect(alice_page.locator("[data-chat-log]")).to_contain_text(
        "Tu viens au forum ?", timeout=3000
    )

    # On the event's live page, staff prepare a poll: it is listed and the form empties.
    host.goto(f"/events/{event.slug}/live/")
    expect(host.locator("[data-live]")).to_have_attribute("data-connected", "true")
    host.locator(".live-staff summary").click()
    host.fill("input[name=question]", "Quel sujet d'abord ?")
    host.fill("textarea[name=choices]", "Loyers\nSalubrité")
    host.locator(".live-staff button[type=submit]").click()
    expect(host.locator("#live-polls")).to_contain_text("Quel sujet d'abord ?")
    expect(host.locator("input[name=question]")).to_have_value("")
    assert host.url.endswith(f"/events/{event.slug}/live/")


def test_a_refused_htmx_post_says_why(new_page, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    page = new_page()
    sign_in(page, bob)
    page.goto(f"/spaces/{space.slug}/threads/{thread.pk}/")
    Membership.objects.filter(space=space, user=bob).delete()  # he left from another tab

    page.locator(f"#reactions-thread-{thread.pk} button[name=emoji]").first.click()
    alert = page.locator("[data-request-errors]")
    expect(alert).to_have_attribute("role", "alert")
    expect(alert.locator("p")).to_have_text(
        ["Accès refusé", "Joignez-vous à cet espace pour participer."]
    )
    assert not thread.reactions.exists()


def test_a_post_refused_as_too_frequent_says_when_to_retry(new_page, alice, bob, settings):
    settings.ROOT_URLCONF = "tests.browser.urls_rate_limited"
    settings.MAILLAGE_RATE_LIMITS = {**settings.MAILLAGE_RATE_LIMITS, **urls_rate_limited.LIMITS}
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, bob)
    page = new_page()
    sign_in(page, alice)
    page.goto(f"/spaces/{space.slug}/threads/{thread.pk}/")
    bar = page.locator(f"#reactions-thread-{thread.pk}")
    bar.locator("button[name=emoji]").first.click()
    expect(bar.locator(".reaction-mine .count")).to_have_text("1")

    # The second reaction in the hour is refused: the page says so, and when to retry.
    bar.locator("button[name=emoji]").first.click()
    alert = page.get_by_role("alert").filter(has_text="Vous faites cela trop souvent")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(re.compile(r"Rien n’a été enregistré : réessayez dans \d+ "))
    expect(bar.locator(".reaction-mine .count")).to_have_text("1")
    assert thread.reactions.filter(user=alice).count() == 1

    # The member closes the message with the keyboard and is back on the reactions.
    alert.get_by_role("button").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-request-errors]")).to_be_empty()
    expect(bar.locator("button[name=emoji]").first).to_be_focused()
