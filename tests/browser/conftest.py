"""Real-browser tests: Playwright drives Debian's chromium against the live server.

Playwright's sync API runs an event loop in this thread while the browser is open;
the tests also read the database from it, which Django refuses inside an event loop
unless DJANGO_ALLOW_ASYNC_UNSAFE is set. So the browser tests run last (see
tests/conftest.py), with that variable set only while the browser is open.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("MAILLAGE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"chromium is not installed at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class AsgiServer:
    """Maillage's ASGI app (HTTP and WebSocket) under uvicorn, in a thread of this process,
    so it shares the test database and the in-memory channel layer."""

    def __init__(self):
        import socket
        import threading

        import uvicorn
        from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

        from community.asgi import application

        static_http = ASGIStaticFilesHandler(application)

        async def app(scope, receive, send):
            handler = static_http if scope["type"] == "http" else application
            await handler(scope, receive, send)

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            threading.Event().wait(0.05)
        self.url = f"http://localhost:{self.port}"

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=5)


@pytest.fixture
def asgi_server(transactional_db, settings):
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    server = AsgiServer()
    yield server
    server.stop()


CSP_VIOLATION = "Content Security Policy"


def _page_opener(browser, base_url, settings):
    """Fresh browser contexts (one per person) on a server, closed after the test, and
    every Content-Security-Policy violation they report (Chromium says so on the console,
    or throws for an eval)."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    contexts = []
    violations = []

    def on_console(message):
        if CSP_VIOLATION in message.text:
            violations.append(f"{message.page.url if message.page else ''}: {message.text}")

    def on_error(error):
        if CSP_VIOLATION in str(error.error):
            violations.append(f"{error.page.url if error.page else ''}: {error.error}")

    def open_page(locale="fr-CA"):
        context = browser.new_context(base_url=base_url, locale=locale)
        context.set_default_timeout(10_000)
        context.on("console", on_console)
        context.on("weberror", on_error)
        contexts.append(context)
        return context.new_page()

    open_page.csp_violations = violations
    return open_page, contexts


def _close(contexts, violations):
    for context in contexts:
        context.close()
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(violations))


@pytest.fixture
def live_page(browser, asgi_server, settings):
    """Pages on the ASGI server: for pages with live (WebSocket) parts."""
    open_page, contexts = _page_opener(browser, asgi_server.url, settings)
    yield open_page
    _close(contexts, open_page.csp_violations)


@pytest.fixture
def new_page(browser, live_server, settings):
    """Pages on pytest-django's live server."""
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    open_page, contexts = _page_opener(browser, live_server.url, settings)
    yield open_page
    _close(contexts, open_page.csp_violations)
