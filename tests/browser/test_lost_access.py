import pytest
from playwright.sync_api import expect

from tests.factories import make_space
from tests.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_who_leaves_sees_the_open_chat_stop_and_why_without_reconnecting(
    live_page, alice, bob
):
    space = make_space("Comité", owner=alice, members=[bob], visibility="private")
    chat_page, space_page = live_page(), live_page()
    sign_in(chat_page, bob)
    sign_in(space_page, bob)
    sockets = []
    chat_page.on("websocket", lambda socket: sockets.append(socket.url))
    chat_page.goto(f"/spaces/{space.slug}/chat/")
    expect(chat_page.locator("[data-chat]")).to_have_attribute("data-connected", "true")

    space_page.goto(f"/spaces/{space.slug}/")
    space_page.get_by_role("button", name="Quitter").click()

    why = chat_page.locator("#chat-texts").get_attribute("data-forbidden")
    assert why
    expect(chat_page.locator("[data-chat]")).to_have_attribute("data-connected", "false")
    expect(chat_page.locator("[data-chat-error]")).to_have_text(why)
    expect(chat_page.locator("[data-chat-status]")).to_have_text(why)
    expect(chat_page.locator("input[name=body]")).to_be_disabled()
    chat_page.wait_for_timeout(2500)  # the first reconnection would come after one second
    opened = sorted(url.split("/", 3)[-1] for url in sockets)
    assert opened == ["ws/me/", f"ws/spaces/{space.slug}/chat/"]
