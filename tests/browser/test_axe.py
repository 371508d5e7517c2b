"""axe-core, in a real browser, finds no WCAG 2.2 A/AA violation on any main page, signed
out, signed in or as staff, nor on forms showing the server's errors. A new page joins
PAGES; the data the pages show is the story below."""

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection
from playwright.sync_api import expect

from events import services as events
from events.services import live, workshops
from spaces.direct import services as direct
from spaces.permissions import access_to
from spaces.services import chat, posts
from tests.factories import make_space, make_thread
from tests.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGNED_OUT, SIGNED_IN, STAFF = "signed out", "signed in", "staff"

# (who reads it, address): the address may name {space}, {thread}, {event}, {profile}
# (Bob's), {me} (Alice's profile), {conversation} from the story below. Spaces and the
# directory are for members only. "signed in" is Alice; "staff" is Sam, who hosts the event.
PAGES = [
    (SIGNED_OUT, "/"),
    (SIGNED_OUT, "/accounts/login/"),
    (SIGNED_OUT, "/accounts/signup/"),
    (SIGNED_OUT, "/accounts/password/reset/"),
    (SIGNED_OUT, "/events/"),
    (SIGNED_OUT, "/events/{event}/"),
    (SIGNED_IN, "/"),
    (SIGNED_IN, "/members/"),
    (SIGNED_IN, "/members/{profile}/"),
    (SIGNED_IN, "/members/{me}/"),
    (SIGNED_IN, "/members/{me}/edit/"),
    (SIGNED_IN, "/spaces/"),
    (SIGNED_IN, "/spaces/{space}/"),
    (SIGNED_IN, "/spaces/{space}/chat/"),
    (SIGNED_IN, "/spaces/{space}/knowledge/"),
    (SIGNED_IN, "/spaces/{space}/threads/new/"),
    (SIGNED_IN, "/spaces/{space}/threads/{thread}/"),
    (SIGNED_IN, "/events/"),
    (SIGNED_IN, "/events/{event}/"),
    (SIGNED_IN, "/events/{event}/people/"),
    (SIGNED_IN, "/events/{event}/tables/"),
    (SIGNED_IN, "/events/{event}/live/"),
    (SIGNED_IN, "/notifications/"),
    (SIGNED_IN, "/notifications/settings/"),
    (SIGNED_IN, "/messages/"),
    (SIGNED_IN, "/messages/new/"),
    (SIGNED_IN, "/messages/{conversation}/"),
    (SIGNED_IN, "/accounts/email/"),
    (SIGNED_IN, "/accounts/password/change/"),
    (STAFF, "/events/new/"),
    (STAFF, "/events/{event}/edit/"),
    (STAFF, "/events/{event}/attendees/"),
    (STAFF, "/events/{event}/check-in/"),
    (STAFF, "/events/{event}/live/"),
    (STAFF, "/spaces/new/"),
    (STAFF, "/spaces/moderation/"),
]

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]}


@pytest.fixture
def story(alice, bob, staff, make_event):
    """Alice and Bob garden together in a space: Bob's thread, which both reacted to,
    his reply that mentions Alice, his word in the chat. Both go to a public forum with a
    table, a question and an open poll. Bob has written to Alice.

    Built in a thread of its own: the services broadcast once they commit, which they
    cannot do from the thread where the browser's event loop runs."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_tell_story, alice, bob, staff, make_event).result()


def _tell_story(alice, bob, staff, make_event):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, bob, title="Semences à partager")
    posts.reply_to_thread(
        access=access_to(bob, space), thread=thread, body="@alice-tremblay, des tomates ?"
    )
    posts.toggle_reaction(user=alice, post=thread, emoji="👏")
    posts.toggle_reaction(user=bob, post=thread, emoji="💡")
    chat.post_as(user=bob, space=space, body="Bonjour à tous !")
    event = make_event(title="Forum logement", slug="forum", audience="public")
    for member in (alice, bob):
        events.register(event=event, user=member)
    workshops.add_table(event=event, theme="Loyers et salubrité", by=staff, capacity=4)
    poll = live.create_poll(
        event=event, question="Quel sujet d'abord ?", choices=["Loyers", "Salubrité"], by=staff
    )
    live.open_poll(poll=poll, by=staff)
    live.ask_question(event=event, user=bob, body="Et les logements sociaux ?")
    conversation = direct.start_conversation(sender=bob, recipients=[alice], body="Bonjour Alice !")
    story = {
        "space": space.slug,
        "thread": thread.pk,
        "event": event.slug,
        "profile": bob.profile.pk,
        "me": alice.profile.pk,
        "conversation": conversation.pk,
    }
    connection.close()
    return story


def violations_on(page, path):
    response = page.goto(path)
    assert (response.status, urlsplit(page.url).path) == (200, path), page.url  # no detour
    for live_part in ("[data-chat]", "[data-live]"):  # status texts settle once connected
        if page.locator(live_part).count():
            expect(page.locator(live_part)).to_have_attribute("data-connected", "true")
    return axe_violations(page, path)


def axe_violations(page, where):
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join(f"    {node['target']}" for node in violation["nodes"])
        for violation in results.response["violations"]
    ]


def assert_no_violation(found, who):
    assert not found, f"WCAG A/AA violations, {who}:\n" + "\n".join(found)


@pytest.mark.parametrize("who", [SIGNED_OUT, SIGNED_IN, STAFF])
def test_every_main_page_has_no_wcag_violation(live_page, alice, staff, story, settings, who):
    settings.MAILLAGE_STAFF_REQUIRE_TWO_FACTOR = False  # 2FA has its own tests
    page = live_page()
    if who != SIGNED_OUT:
        sign_in(page, {SIGNED_IN: alice, STAFF: staff}[who])
    found = []
    for reader, path in PAGES:
        if reader == who:
            found += violations_on(page, path.format(**story))
    assert_no_violation(found, who)


def test_forms_that_refuse_what_was_sent_have_no_wcag_violation(live_page, alice):
    page = live_page()
    found = send_refused(page, "/accounts/login/", login="personne@example.org", password="non")
    found += send_refused(page, "/accounts/signup/")
    sign_in(page, alice)
    found += send_refused(page, "/messages/new/")
    assert_no_violation(found, "forms with errors")


def send_refused(page, path, **fields):
    """Send the page's form as filled, past the browser's own checks, and read the
    server's answer."""
    page.goto(path)
    form = page.locator("main form:has(button[type=submit])").first
    form.evaluate("form => { form.noValidate = true; }")
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("button[type=submit]").first.click()
    expect(page.locator("main .errorlist, main .field-error").first).to_be_visible()
    return axe_violations(page, f"{path} (refused)")
