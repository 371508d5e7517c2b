"""One rate limit for every write a member makes: past the allowance a request is refused
with 429 and a message, nothing is stored, and other members are not affected."""

import html
import time
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from common.ratelimit import parse
from spaces.models import ChatMessage, Reaction, Reply, Report, Thread
from tests.factories import make_space, make_thread


@pytest.fixture
def tight(settings, monkeypatch):
    # One window for the whole test: the windows are fixed (a new one each minute), and
    # requests that straddled a minute's end would start the count again.
    middle_of_a_window = (time.time() // 3600) * 3600 + 30
    monkeypatch.setattr("common.ratelimit.time", SimpleNamespace(time=lambda: middle_of_a_window))
    settings.MAILLAGE_RATE_LIMITS = {
        **settings.MAILLAGE_RATE_LIMITS,
        "thread": "2/m",
        "reply": "2/m",
        "reaction": "2/m",
        "chat_message": "2/m",
        "report": "1/m",
        "signup": "2/m",
    }


def test_a_flood_of_threads_is_refused_after_the_allowance_and_stores_nothing(
    client, alice, bob, tight
):
    space = make_space("Jardins", owner=alice, members=[bob])
    client.force_login(bob)
    url = f"/spaces/{space.slug}/threads/new/"
    statuses = [
        client.post(url, {"title": f"Fil {n}", "body": "Bonjour", "kind": "discussion"}).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    assert Thread.objects.count() == 2
    refused = client.post(url, {"title": "Encore", "body": "Bonjour", "kind": "discussion"})
    assert refused["Retry-After"].isdigit()
    assert "Rien n’a été enregistré" in html.unescape(refused.content.decode())
    client.force_login(alice)
    assert client.post(url, {"title": "Moi", "body": "Ok", "kind": "discussion"}).status_code == 302


@pytest.mark.parametrize(
    ("kind", "path", "data", "model"),
    [
        ("reply", "threads/{thread}/", {"body": "Oui"}, Reply),
        ("reaction", "thread/{thread}/react/", {"emoji": "👍"}, Reaction),
        ("chat", "chat/", {"body": "Salut"}, ChatMessage),
        ("report", "thread/{thread}/report/", {"reason": "spam"}, Report),
    ],
)
def test_each_write_in_a_space_has_its_limit(client, alice, bob, tight, kind, path, data, model):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)
    url = f"/spaces/{space.slug}/" + path.format(thread=thread.pk)
    statuses = [client.post(url, data).status_code for _ in range(4)]
    assert statuses[-1] == 429
    assert model.objects.count() <= 2


def test_an_htmx_write_refused_by_the_limit_gets_the_message_fragment(client, alice, bob, tight):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)
    url = f"/spaces/{space.slug}/thread/{thread.pk}/react/"
    for emoji in ("👍", "❤️"):
        client.post(url, {"emoji": emoji}, HTTP_HX_REQUEST="true")
    refused = client.post(url, {"emoji": "👏"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 429
    assert refused.content.decode().startswith('<p class="message message-error" role="alert">')


def test_sign_up_is_rate_limited_per_address(client, db, tight):
    statuses = [
        client.post(
            "/accounts/signup/",
            {"email": f"new{n}@example.org", "password1": "x", "password2": "y"},
        ).status_code
        for n in range(3)
    ]
    assert statuses[-1] == 429


@pytest.mark.parametrize(
    ("rate", "parsed"), [("10/m", (10, 60)), ("30/10m", (30, 600)), ("5/h", (5, 3600))]
)
def test_rates_read_as_count_per_period(rate, parsed):
    assert parse(rate) == parsed


def test_a_misspelt_rate_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured):
        parse("ten a minute")
