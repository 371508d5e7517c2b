"""Fetching a page as a persona, and reading it for what that persona must never see."""

import html
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tests.privacy.cases import LOGIN, REDIRECT

SIGN_IN_PATHS = {"/accounts/login/", "/en/accounts/login/", "/admin/login/", "/en/admin/login/"}


@dataclass
class Fetched:
    url: str
    status: int
    location: str
    text: str
    error: str = ""

    @property
    def outcome(self):
        """The status as the table writes it: LOGIN and REDIRECT for a 302."""
        if self.status in (301, 302, 303, 307, 308):
            return LOGIN if urlsplit(self.location).path in SIGN_IN_PATHS else REDIRECT
        return self.status

    def describe(self):
        if self.status in (301, 302, 303, 307, 308):
            return f"{self.status} to {self.location}"
        return f"{self.status}{' ' + self.error if self.error else ''}"


def named_patterns(patterns=None, namespace=None, prefix=""):
    """(URL name or None, route) of every pattern the site answers, nested ones included."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from named_patterns(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, prefix + str(pattern.pattern)


def url_of(case, query, language):
    with translation.override(language):
        path = reverse(case.name, kwargs=case.kwargs) + case.suffix
    return f"{path}?{query}" if query else path


def fetch(client, url, *, method="get", data=None, follow=False, **headers):
    """The page, plus the flash messages it left for the persona's next page: those are
    read here, with the address that wrote them, and not carried to the next one."""
    response = getattr(client, method)(url, data=data, follow=follow, headers=headers or None)
    fetched = read(url, response)
    cookie = client.cookies.get("messages")
    if cookie is not None and cookie.value:
        left = CookieStorage(HttpRequest())._decode(cookie.value) or []
        fetched.text += "\n".join(str(m.message) for m in left if isinstance(m, Message))
        del client.cookies["messages"]
    return fetched


def read(url, response):
    if getattr(response, "streaming", False):
        # The test client closes the response (and its file) once this is read; closing
        # it again here would close the database connection.
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    error = ""
    if response.status_code >= 500:
        exc = getattr(response, "exc_info", None)
        error = repr(exc[1]) if exc else ""
    return Fetched(
        url=url,
        status=response.status_code,
        location=response.get("Location", ""),
        text=html.unescape(body.decode("utf-8", errors="replace")),
        error=error,
    )


def _found(marker, text):
    if isinstance(marker, re.Pattern):
        return marker.search(text) is not None
    return marker in text or json.dumps(marker)[1:-1] in text


def leaks(forbidden, fetched):
    """The forbidden markers the page shows. A marker that the address itself holds (a
    slug, a search word) is the request echoed back, not a disclosure."""
    return [
        key
        for key, marker in forbidden.items()
        if not _found(marker, fetched.url) and _found(marker, fetched.text)
    ]


def accepts(expected, outcome):
    return outcome in expected if isinstance(expected, tuple) else outcome == expected


def shown(expected):
    return " or ".join(map(str, expected)) if isinstance(expected, tuple) else str(expected)
