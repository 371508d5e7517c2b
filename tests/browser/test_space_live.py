import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_space, make_thread
from tests.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_members_chat_live_and_a_mention_rings_the_bell(live_page, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice, title="Semences à partager")
    alice_page, bob_page = live_page(), live_page()
    sign_in(alice_page, alice)
    sign_in(bob_page, bob)

    # Both open the chat; Bob sees Alice's message without reloading.
    alice_page.goto(f"/spaces/{space.slug}/chat/")
    bob_page.goto(f"/spaces/{space.slug}/chat/")
    expect(alice_page.locator("[data-chat]")).to_have_attribute("data-connected", "true")
    expect(bob_page.locator("[data-chat]")).to_have_attribute("data-connected", "true")
    expect(bob_page.locator("[data-chat-presence]")).to_contain_text("Alice Tremblay")
    alice_page.fill("input[name=body]", "Bonjour Bob, tu as reçu les semences ?")
    alice_page.get_by_role("button", name="Envoyer").click()
    expect(bob_page.locator("[data-chat-log]")).to_contain_text(
        "Bonjour Bob, tu as reçu les semences ?", timeout=2000
    )
    assert bob_page.url.endswith(f"/spaces/{space.slug}/chat/")

    # Alice replies in a thread and mentions Bob: Bob's bell rises while he stays on the chat.
    badge = bob_page.locator("[data-unread-count]")
    expect(badge).to_be_hidden()
    alice_page.goto(f"/spaces/{space.slug}/threads/{thread.pk}/")
    alice_page.fill("textarea[name=body]", "@bob-gagnon, peux-tu confirmer ?")
    alice_page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(alice_page).to_have_url(re.compile(rf"/threads/{thread.pk}/\?page=1#reply-\d+$"))
    expect(badge).to_have_text("1", timeout=3000)
    expect(badge).to_be_visible()
