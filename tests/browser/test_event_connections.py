"""In a real browser, on a phone-sized screen: an attendee finds someone to meet from the
event's page, asks for a meeting, the other accepts, and both agendas show it; the
attendee then takes a seat at a workshop table."""

import pytest
from playwright.sync_api import expect

from events import services
from events.models import Meeting
from events.services import workshops
from tests.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_two_attendees_agree_on_a_meeting_and_one_takes_a_table(
    new_page, alice, bob, staff, make_event
):
    event = make_event(title="Forum logement", slug="forum")
    table = workshops.add_table(event=event, theme="Loyers et salubrité", by=staff, capacity=4)
    for member in (alice, bob):
        services.register(event=event, user=member)
    alice_page, bob_page = new_page(), new_page()
    for page, member in ((alice_page, alice), (bob_page, bob)):
        page.set_viewport_size(PHONE)
        sign_in(page, member)

    # Alice goes from the event's page to the people to meet: Bob shares her interests.
    alice_page.goto(f"/events/{event.slug}/")
    alice_page.locator(f"a[href='/events/{event.slug}/people/']").click()
    card = alice_page.locator(f"[data-person='{bob.pk}']")
    expect(card).to_contain_text("Jardins communautaires")
    card.locator("summary").click()
    card.locator("select[name=starts_at]").select_option(index=1)
    card.locator("textarea[name=message]").fill("Parlons jardins !")
    card.locator("button[type=submit]").click()
    expect(alice_page.locator(".message-success")).to_be_visible()
    meeting = Meeting.objects.get()

    # Bob sees the request with its message and accepts it.
    bob_page.goto(f"/events/{event.slug}/people/")
    request = bob_page.locator(f"[data-meeting='{meeting.pk}']")
    expect(request).to_contain_text("Parlons jardins !")
    request.locator("form[action$='/accept/'] button").click()
    expect(bob_page.locator(f"ol.meeting-list [data-meeting='{meeting.pk}']")).to_be_visible()
    expect(bob_page.locator("form[action$='/accept/']")).to_have_count(0)

    # It is in Alice's agenda too.
    alice_page.reload()
    expect(alice_page.locator(f"ol.meeting-list [data-meeting='{meeting.pk}']")).to_contain_text(
        "Bob Gagnon"
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED

    # Alice takes a seat at the workshop table.
    alice_page.goto(f"/events/{event.slug}/tables/")
    alice_page.locator(f"form[action$='/tables/{table.pk}/choose/'] button").click()
    expect(alice_page.locator(".workshop-table-mine")).to_contain_text("Loyers et salubrité")
    assert table.seats.filter(user=alice).exists()
