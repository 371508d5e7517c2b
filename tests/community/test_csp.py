"""Every page answers with our Content-Security-Policy: scripts and styles from our own
files only, no inline script, no eval. (The browser tests fail on any violation.)"""

import re

import pytest
from django.core.files.base import ContentFile

from events import services
from spaces.direct import services as direct
from spaces.models import Attachment
from tests.browser import urls_rate_limited
from tests.community.test_settings import PRODUCTION, manage
from tests.factories import make_space, make_thread

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>")
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)


def policy_of(response):
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in directives}


def assert_our_policy(response):
    policy = policy_of(response)
    assert policy.pop("connect-src")[0] == "'self'"
    assert policy == POLICY
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.fixture
def pages(alice, bob, make_event):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, bob)
    event = make_event(title="Forum logement", slug="forum")
    services.register(event=event, user=alice)
    conversation = direct.start_conversation(sender=bob, recipients=[alice], body="Bonjour")
    return [
        "/",
        "/en/",
        "/members/",
        f"/members/{alice.profile.pk}/edit/",
        f"/members/{bob.profile.pk}/",
        "/events/",
        f"/events/{event.slug}/",
        f"/events/{event.slug}/ticket/",
        f"/events/{event.slug}/live/",
        "/spaces/",
        f"/spaces/{space.slug}/",
        f"/spaces/{space.slug}/chat/",
        f"/spaces/{space.slug}/threads/{thread.pk}/",
        "/messages/",
        f"/messages/{conversation.pk}/",
        "/notifications/",
        "/accounts/2fa/",
        "/accounts/password/change/",
    ]


def test_every_main_page_of_a_member_carries_the_policy(client, alice, pages):
    client.force_login(alice)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_our_policy(response)


def test_our_pages_hold_no_inline_script_handler_or_style_and_tell_htmx_so(client, alice, pages):
    client.force_login(alice)
    for url in pages:
        html = client.get(url).content.decode()
        assert INLINE_SCRIPT.findall(html) == [], url
        assert INLINE_HANDLER.findall(html) == [], url
        assert " style=" not in html, url
        assert "javascript:" not in html, url
        assert "hx-on" not in html, url
        assert '"allowEval": false' in html, url
        assert '"includeIndicatorStyles": false' in html, url
        assert "/static/js/htmx-errors.js" in html, url
        assert 'role="alert" data-request-errors' in html, url


def test_visitors_pages_and_refusals_carry_the_policy(client, alice):
    for url in ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_our_policy(response)
    assert client.get("/nowhere/").status_code == 404
    assert_our_policy(client.get("/nowhere/"))
    client.force_login(alice)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert_our_policy(response)


def test_the_admin_carries_the_policy(staff_client):
    for url in ["/admin/", "/admin/events/event/", "/admin/events/event/add/"]:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert_our_policy(response)


def test_allauths_email_page_alone_may_hide_its_pending_form_with_one_style(client, alice):
    client.force_login(alice)
    response = client.get("/accounts/email/")
    policy = policy_of(response)
    assert policy.pop("style-src-attr") == [
        "'unsafe-hashes'",
        "'sha256-ZdHxw9eWtnxUb3mk6tBS+gIiVUPE3pGM470keHPDFlE='",  # display: none
    ]
    assert policy.pop("connect-src")[0] == "'self'"
    assert policy == POLICY
    assert "style-src-attr" not in policy_of(client.get("/members/"))


def test_an_attachment_keeps_its_own_stricter_policy(client, alice, bob):
    thread = make_thread(make_space("Jardins", owner=alice, members=[bob]), alice)
    attachment = Attachment(
        thread=thread, name="budget.pdf", content_type="application/pdf", size=20
    )
    attachment.file.save("budget.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    client.force_login(bob)
    response = client.get(f"/spaces/jardins/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; img-src 'self'; sandbox"


def test_an_htmx_post_refused_as_too_frequent_gets_the_fragment_with_429(
    client, alice, bob, settings
):
    settings.ROOT_URLCONF = "tests.browser.urls_rate_limited"
    settings.MAILLAGE_RATE_LIMITS = {**settings.MAILLAGE_RATE_LIMITS, **urls_rate_limited.LIMITS}
    thread = make_thread(make_space("Jardins", owner=alice, members=[bob]), bob)
    client.force_login(alice)
    url = f"/en/spaces/jardins/thread/{thread.pk}/react/"
    assert client.post(url, {"emoji": "👍"}, HTTP_HX_REQUEST="true").status_code == 200
    response = client.post(url, {"emoji": "❤️"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert response.content.decode().startswith('<p class="message message-error" role="alert">')
    assert "You are doing this too often. Nothing was saved" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_websockets_are_allowed_to_the_sites_own_origin():
    result = manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings as s; "
        "print(*s.CONTENT_SECURITY_POLICY['DIRECTIVES']['connect-src'])",
        **{**PRODUCTION, "SITE_URL": "https://communaute.example.org/"},
    )
    assert result.stdout.split() == ["'self'", "wss://communaute.example.org"]


def test_a_form_sent_without_its_token_gets_a_plain_page_the_policy_allows(db, alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/notifications/read/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Le formulaire a expiré" in page
    assert "<style" not in page
