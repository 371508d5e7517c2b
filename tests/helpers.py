"""What tests in several folders share: counting queries, moving time, racing
transactions, pages as read, WebSocket headers and sockets, signing in a browser.
Builders of data live in tests/factories; fixtures in tests/conftest.py."""

import html
import json
import threading
from contextlib import contextmanager
from datetime import timedelta
from html.parser import HTMLParser

from asgiref.sync import sync_to_async
from django.core.cache import cache
from django.db import close_old_connections, connection
from django.test import AsyncClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import PASSWORD

# --- Races ---


def all_at_once(action, items, *, refusal=()):
    """Run action(item) for every item in its own thread (its own connection), all
    released at once: what concurrent requests do. Returns the refusals raised (of the
    `refusal` classes) and any other error, for the test to assert on."""
    start = threading.Barrier(len(items))
    refused, errors = [], []

    def one(item):
        try:
            start.wait()
            action(item)
        except refusal as raised:
            refused.append(raised)
        except Exception as error:  # noqa: BLE001 - collected and asserted by the test
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=one, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return refused, errors


# --- Queries ---


@contextmanager
def counting_queries():
    """with counting_queries() as queries: ...; len(queries) is the number run inside."""
    with CaptureQueriesContext(connection) as captured:
        yield captured


def query_count(action, *args, **kwargs):
    """How many queries action(*args, **kwargs) runs."""
    with counting_queries() as captured:
        action(*args, **kwargs)
    return len(captured)


def page_queries(client, url, params=None, *, warm=False):
    """How many queries a GET of `url` runs; it must answer 200. The shared cache is
    emptied first (the header's counts, rankings and totals are kept there), so that two
    counts compare the same work; warm=True counts a repeat visit instead (a first visit
    may warm caches or record the visit, once)."""
    if warm:
        client.get(url, params or {})
    else:
        cache.clear()
    with counting_queries() as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def assert_queries_stay_the_same(measure, grow):
    """measure() runs as many queries after grow() as before: a page's query count does not
    grow with its data. measure() runs once first, to warm in-process caches (content
    types...); the shared cache is emptied before each count."""
    measure()
    cache.clear()  # what the shared cache keeps is read afresh in both counts
    with counting_queries() as before:
        measure()
    grow()
    cache.clear()
    with counting_queries() as after:
        measure()
    assert len(after) == len(before), "\n".join(
        [f"{len(before)} queries before, {len(after)} after:"]
        + [query["sql"] for query in after.captured_queries]
    )


# --- Time ---


def ago(**delta):
    """timezone.now() - timedelta(**delta): ago(days=2)."""
    return timezone.now() - timedelta(**delta)


def from_now(**delta):
    """timezone.now() + timedelta(**delta): from_now(hours=3)."""
    return timezone.now() + timedelta(**delta)


def move_event(event, *, starts_at, ends_at=None):
    """Move an event in time, as if it had been created then (the row is updated: the form
    and the model refuse dates in the past). It keeps its length unless ends_at is given."""
    from events.models import Event

    ends_at = ends_at or starts_at + (event.ends_at - event.starts_at)
    Event.objects.filter(pk=event.pk).update(starts_at=starts_at, ends_at=ends_at)
    event.refresh_from_db()
    return event


# --- Pages ---


def text(response):
    """The page as a reader sees it: entities such as &#x27; decoded."""
    return html.unescape(response.content.decode())


def url(name, *args):
    """An events page's English address (the assertions that use it read English)."""
    with translation.override("en"):
        return reverse(f"events:{name}", args=args)


def attend(event, *users):
    """Register each member (confirmed while seats last)."""
    from events import services

    for user in users:
        services.register(event=event, user=user)


def form_data(response):
    """What a browser would post from the page's form as it stands (an admin change form)."""
    parser = _Form()
    parser.feed(response.content.decode())
    return parser.data


# --- WebSockets ---


def socket_headers(cookie=None, origin="http://localhost"):
    """The headers a browser at `origin` sends when it opens a socket, with the session
    cookie if signed in."""
    headers = [(b"origin", origin.encode()), (b"host", b"localhost")]
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    return headers


async def session_cookie(user):
    """The session cookie of `user`, signed in."""
    client = AsyncClient()
    await client.aforce_login(user)
    return client.cookies["sessionid"].value


async def open_socket(user, path):
    """(communicator, connected, close code) for `user` (None: a visitor) at `path`."""
    from channels.testing import WebsocketCommunicator

    from community.asgi import application

    cookie = None if user is None else await session_cookie(user)
    communicator = WebsocketCommunicator(application, path, headers=socket_headers(cookie))
    connected, code = await communicator.connect()
    return communicator, connected, code


async def close_account(user):
    """Close the member's account as staff do in the admin: on the row as read from the
    database (members.signals tells what changed from what was read)."""

    def close():
        account = type(user).objects.get(pk=user.pk)
        account.is_active = False
        account.save()

    await sync_to_async(close)()


async def next_of_type(communicator, kind, timeout=2):
    """The next frame of that type, skipping the others."""
    while True:
        message = await communicator.receive_json_from(timeout=timeout)
        if message["type"] == kind:
            return message


async def close_code(communicator, timeout=2):
    """The code the server closes with, and the kinds of frame it sent before it (presence
    and the like; never a message the member may no longer see, tests check)."""
    before = []
    while True:
        output = await communicator.receive_output(timeout=timeout)
        if output["type"] == "websocket.close":
            return output.get("code"), before
        before.append(_kind(output))


def _kind(output):
    return json.loads(output["text"])["type"] if output.get("text") else output["type"]


# --- Browser (Playwright) ---


def sign_in(page, user):
    """Through the sign-in page, as a member would, without reading a translated label."""
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("form[action$='/accounts/logout/']")).to_have_count(1)


def sign_in_with_code(page, user, secret):
    """Staff: the password, then the code their authenticator app would show for `secret`."""
    import re
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]:not([form])").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.fill("input[name=code]", code)
    page.locator("main form button[type=submit]:not([form])").click()
    expect(page.locator("form[action$='/accounts/logout/']")).to_have_count(1)


class _Form(HTMLParser):
    """The values a browser would post from the admin's change form, as it stands."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            checkable = attrs.get("type") in ("checkbox", "radio")
            self.data[name] = attrs.get("value", "on" if checkable else "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.lstrip("\n")
