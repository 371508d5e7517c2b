"""The site's one WebSocket client (static/js/socket.js), in a real browser: a dropped
chat comes back by itself and catches up on what was said meanwhile; the server's
refusal to relay a message sent too fast reaches the member; a closed account's sockets
stop, say why and do not come back."""

import re

import pytest
from playwright.sync_api import expect

from events import services as events
from tests.factories import make_space
from tests.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Line:
    """Bob's chat socket goes through this line, which the test may cut: the open
    connection drops (1012, the server restarting) and new ones are turned away until
    the line is back."""

    def __init__(self):
        self.up = True
        self.open = []
        self.attempts = 0

    def route(self, socket):
        self.attempts += 1
        if not self.up:
            socket.close(code=1013, reason="try again later")
            return
        self.open.append((socket, socket.connect_to_server()))

    def cut(self):
        self.up = False
        while self.open:
            page_side, server_side = self.open.pop()
            server_side.close()
            page_side.close(code=1012, reason="restarting")


def test_a_dropped_chat_reconnects_and_catches_up_on_what_was_said_meanwhile(live_page, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    alice_page, bob_page = live_page(), live_page()
    sign_in(alice_page, alice)
    sign_in(bob_page, bob)
    line = Line()
    bob_page.route_web_socket(re.compile(r"/ws/spaces/"), line.route)
    bob_page.goto(f"/spaces/{space.slug}/chat/")
    alice_page.goto(f"/spaces/{space.slug}/chat/")
    for page in (alice_page, bob_page):
        expect(page.locator("[data-chat]")).to_have_attribute("data-connected", "true")

    line.cut()
    reconnecting = bob_page.locator("#chat-texts").get_attribute("data-reconnecting")
    expect(bob_page.locator("[data-chat-status]")).to_have_text(reconnecting)
    expect(bob_page.locator("[data-chat]")).to_have_attribute("data-connected", "false")

    # Alice speaks while Bob is away; his page keeps trying, in vain.
    alice_page.fill("input[name=body]", "Les semences sont arrivées.")
    alice_page.get_by_role("button", name="Envoyer").click()
    expect(alice_page.locator("[data-chat-log]")).to_contain_text("Les semences sont arrivées.")
    expect(bob_page.locator("[data-chat]")).to_have_attribute("data-connected", "false")
    expect(bob_page.locator("[data-chat-log]")).not_to_contain_text("Les semences")
    attempts = line.attempts
    bob_page.wait_for_timeout(1500)  # the first attempt comes after one second
    assert line.attempts > attempts

    # The line is back: Bob's page reconnects by itself and resumes after what it saw.
    line.up = True
    expect(bob_page.locator("[data-chat]")).to_have_attribute(
        "data-connected", "true", timeout=10_000
    )
    expect(bob_page.locator("[data-chat-log]")).to_contain_text("Les semences sont arrivées.")
    expect(bob_page.locator("[data-chat-log] [data-id]")).to_have_count(1)


def test_a_member_who_sends_too_fast_reads_why_the_chat_refused(live_page, alice, settings):
    settings.MAILLAGE_RATE_LIMITS = {**settings.MAILLAGE_RATE_LIMITS, "chat_message": "2/m"}
    space = make_space("Jardins", owner=alice)
    page = live_page()
    sign_in(page, alice)
    page.goto(f"/spaces/{space.slug}/chat/")
    expect(page.locator("[data-chat]")).to_have_attribute("data-connected", "true")

    for number in (1, 2, 3):
        page.fill("input[name=body]", f"Message {number}")
        page.get_by_role("button", name="Envoyer").click()

    expect(page.locator("[data-chat-error]")).to_contain_text("trop vite")
    expect(page.locator("[data-chat-log] [data-id]")).to_have_count(2)
    expect(page.locator("[data-chat]")).to_have_attribute("data-connected", "true")


def test_a_closed_account_s_live_page_and_bell_stop_and_say_why_without_reconnecting(
    live_page, alice, staff, make_event, settings
):
    settings.MAILLAGE_STAFF_REQUIRE_TWO_FACTOR = False  # 2FA has its own tests
    event = make_event(title="Forum logement", slug="forum")
    events.register(event=event, user=alice)
    page, admin = live_page(), live_page()
    sign_in(page, alice)
    sign_in(admin, staff)
    sockets = []
    page.on("websocket", lambda socket: sockets.append(socket.url.split("/", 3)[-1]))
    page.goto(f"/events/{event.slug}/live/")
    expect(page.locator("[data-live]")).to_have_attribute("data-connected", "true")
    page.wait_for_function("() => window.maillageLive !== undefined")

    # Staff close Alice's account in the admin.
    admin.goto(f"/admin/members/user/{alice.pk}/change/")
    admin.locator("input[name=is_active]").uncheck()
    admin.locator("input[name=_save]").click()
    expect(admin.locator(".messagelist")).to_be_visible()

    why = page.locator("#live-texts").get_attribute("data-signedout")
    expect(page.locator("[data-live]")).to_have_attribute("data-connected", "false")
    expect(page.locator("[data-live-status]")).to_have_text(why)
    expect(page.locator("[data-live-announce]")).to_have_text(why)
    told = page.locator("script[data-signedout]").get_attribute("data-signedout")  # live.js
    expect(page.locator("#main [data-live-closed]")).to_have_text(told)
    page.wait_for_timeout(2500)  # the first reconnection would come after one second
    assert sorted(sockets) == ["ws/events/forum/live/", "ws/me/"]
