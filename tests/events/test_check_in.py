"""Tickets and the check-in desk."""

from django.urls import reverse

from analytics.models import Activity
from events import services


def test_staff_check_in_by_code_twice_counts_once(staff_client, event, alice):
    registration = services.register(event=event, user=alice)
    url = reverse("events:check_in", args=[event.slug, registration.ticket_code])
    assert "Alice Tremblay" in staff_client.get(url).content.decode()
    staff_client.post(url)
    staff_client.post(url)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert Activity.objects.filter(verb="event.checked_in").count() == 1
    desk = staff_client.get(reverse("events:check_in_desk", args=[event.slug]))
    assert "1 sur 1" in desk.content.decode() or "1 of 1" in desk.content.decode()


def test_desk_finds_by_name_and_lower_case_code(staff_client, event, alice):
    registration = services.register(event=event, user=alice)
    desk = reverse("events:check_in_desk", args=[event.slug])
    assert "Alice Tremblay" in staff_client.get(desk, {"q": "trembl"}).content.decode()
    found = staff_client.get(desk, {"q": registration.ticket_code.lower()}).content.decode()
    assert registration.ticket_code in found


def test_ticket_of_another_event_is_refused(staff_client, make_event, event, alice):
    other = make_event(title="Autre soirée")
    registration = services.register(event=other, user=alice)
    url = reverse("events:check_in", args=[event.slug, registration.ticket_code])
    response = staff_client.post(url)
    assert response.status_code == 409
    assert "Autre soirée" in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_unknown_code_is_404_with_a_message(staff_client, event):
    response = staff_client.get(reverse("events:check_in", args=[event.slug, "NOPE"]))
    assert response.status_code == 404


def test_waitlisted_ticket_cannot_check_in(staff_client, make_event, alice, bob):
    event = make_event(capacity=1)
    services.register(event=event, user=alice)
    waiting = services.register(event=event, user=bob)
    staff_client.post(reverse("events:check_in", args=[event.slug, waiting.ticket_code]))
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


def test_member_cannot_check_in_themself(alice_client, event, alice):
    registration = services.register(event=event, user=alice)
    url = reverse("events:check_in", args=[event.slug, registration.ticket_code])
    assert alice_client.post(url).status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_attendee_csv_export(staff_client, event, alice):
    services.register(event=event, user=alice)
    response = staff_client.get(reverse("events:attendees", args=[event.slug]), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "alice@example.org" in body and "Alice Tremblay" in body


def test_staff_registers_a_member_who_is_told(staff_client, event, bob):
    response = staff_client.post(
        reverse("events:staff_register", args=[event.slug]),
        {"email": "bob@example.org", "guests": "0"},
    )
    assert response.status_code == 302
    assert event.registrations.get(user=bob).is_confirmed
    assert bob.notifications.filter(verb="event.registered").exists()


def test_staff_register_unknown_email_is_a_message(staff_client, event):
    response = staff_client.post(
        reverse("events:staff_register", args=[event.slug]),
        {"email": "nobody@example.org", "guests": "0"},
        follow=True,
    )
    assert response.status_code == 200
    assert event.registrations.count() == 0
