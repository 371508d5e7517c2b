import pytest
from playwright.sync_api import expect

from events.models import Registration
from tests.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_registers_sees_the_ticket_and_staff_checks_them_in(
    new_page,
    alice,
    staff,
    make_event,
    settings,
):
    settings.MAILLAGE_STAFF_REQUIRE_TWO_FACTOR = False  # 2FA has its own tests
    event = make_event(title="Assemblée générale", slug="assemblee", capacity=20)
    member, desk = new_page(), new_page()

    sign_in(member, alice)
    member.goto("/events/")
    member.get_by_role("link", name="Assemblée générale").click()
    member.get_by_role("button", name="M’inscrire").click()
    expect(member.get_by_role("heading", name="Mon billet")).to_be_visible()
    expect(member.locator(".qr svg")).to_be_visible()
    code = member.locator("[data-ticket-code]").inner_text()
    assert code == Registration.objects.get(event=event, user=alice).ticket_code

    sign_in(desk, staff)
    desk.goto(f"/events/{event.slug}/check-in/")
    desk.get_by_label("Code du billet ou nom").fill(code.lower())
    desk.get_by_role("button", name="Chercher").click()
    desk.get_by_role("button", name="Accueillir Alice Tremblay").click()
    expect(desk.get_by_text("Alice Tremblay est accueilli·e.")).to_be_visible()
    expect(desk.locator("[data-check-in-count]")).to_contain_text("1 sur 1")

    member.reload()
    expect(member.get_by_text("Accueilli·e le")).to_be_visible()
