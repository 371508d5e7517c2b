import pytest
from playwright.sync_api import expect

from events import services
from events.models import LiveQuestion
from events.services import live
from tests.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_open_a_poll_and_two_attendees_see_the_results_change_live(
    live_page, alice, dan, staff, make_event, settings
):
    settings.MAILLAGE_STAFF_REQUIRE_TWO_FACTOR = False  # 2FA has its own tests
    event = make_event(title="Forum logement", slug="forum")
    for member in (alice, dan):
        services.register(event=event, user=member)
    poll = live.create_poll(
        event=event, question="Quel sujet d'abord ?", choices=["Loyers", "Salubrité"], by=staff
    )
    loyers, salubrite = poll.choices.all()
    host, alice_page, dan_page = live_page(), live_page(), live_page()
    sign_in(host, staff)
    sign_in(alice_page, alice)
    sign_in(dan_page, dan)

    for page in (host, alice_page, dan_page):
        page.goto(f"/events/{event.slug}/live/")
        expect(page.locator("[data-live]")).to_have_attribute("data-connected", "true")
    expect(alice_page.locator(f'[data-poll="{poll.pk}"]')).to_have_count(0)

    # Staff open the poll: it appears on the attendees' pages without a reload.
    host.locator(f"#open-{poll.pk}").click()
    expect(host.locator(f"#close-{poll.pk}")).to_be_visible()
    for page in (alice_page, dan_page):
        expect(page.locator(f"#vote-{poll.pk}")).to_be_visible(timeout=3000)

    # Alice votes; both see the count move, Dan without touching his page.
    alice_page.locator(f'input[name=choice][value="{loyers.pk}"]').check()
    alice_page.locator(f"#vote-{poll.pk}").click()
    for page in (alice_page, dan_page, host):
        row = page.locator(f'[data-choice="{loyers.pk}"]')
        expect(row.locator("[data-result-bar]")).to_have_attribute("value", "100", timeout=3000)
        expect(row.locator("[data-result-text]")).to_contain_text("1")
    expect(alice_page.locator(f"#vote-{poll.pk}")).to_have_count(0)
    expect(dan_page.locator(f"#vote-{poll.pk}")).to_be_visible()
    expect(dan_page.locator("[data-live-announce]")).to_contain_text("Quel sujet d'abord ?")

    # Dan votes the other way: Alice's bars split in half.
    dan_page.locator(f'input[name=choice][value="{salubrite.pk}"]').check()
    dan_page.locator(f"#vote-{poll.pk}").click()
    alice_row = alice_page.locator(f'[data-choice="{salubrite.pk}"] [data-result-bar]')
    expect(alice_row).to_have_attribute("value", "50", timeout=3000)
    assert alice_page.url.endswith(f"/events/{event.slug}/live/")

    # Staff close it: the attendees' pages say so.
    host.locator(f"#close-{poll.pk}").click()
    for page in (alice_page, dan_page):
        expect(page.locator(f'[data-poll="{poll.pk}"]')).to_have_attribute(
            "data-poll-status", "closed", timeout=3000
        )

    # Alice asks a question: it reaches Dan's list live, and her form is ready for the next.
    alice_page.fill("textarea[name=body]", "Qui anime la table sur les loyers ?")
    alice_page.locator(".live-ask button[type=submit]").click()
    expect(dan_page.locator("#live-questions")).to_contain_text(
        "Qui anime la table sur les loyers ?", timeout=3000
    )
    expect(alice_page.locator("textarea[name=body]")).to_have_value("")
    assert alice_page.url.endswith(f"/events/{event.slug}/live/")  # no page load: HTMX
    # Dan upvotes it from his page; Alice sees the count without reloading.
    question = LiveQuestion.objects.get()
    dan_page.locator(f"#upvote-{question.pk}").click()
    expect(
        alice_page.locator(f'[data-question="{question.pk}"] [data-question-votes]')
    ).to_contain_text("1", timeout=3000)
