"""Registering, the waiting list and its order, cancelling, the window: through the pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from analytics.models import Activity
from community.models import Notification
from events import services
from events.models import Question, Registration


def register_url(event):
    return reverse("events:register", args=[event.slug])


def test_member_registers_and_lands_on_the_ticket(alice_client, alice, event):
    response = alice_client.post(register_url(event), {"is_listed": "on"})
    assert response.status_code == 302
    assert response.url == reverse("events:ticket", args=[event.slug])
    registration = Registration.objects.get(event=event, user=alice)
    assert registration.is_confirmed
    page = alice_client.get(response.url)
    assert registration.ticket_code in page.content.decode()
    assert "<svg" in page.content.decode()
    assert Activity.objects.filter(verb="event.registered", actor=alice).exists()


def test_registering_twice_is_refused_with_a_message(alice_client, alice, event):
    alice_client.post(register_url(event))
    response = alice_client.post(register_url(event), follow=True)
    assert "déjà inscrit" in response.content.decode() or "already registered" in (
        response.content.decode()
    )
    assert Registration.objects.filter(event=event, user=alice).count() == 1


def test_full_event_puts_members_on_the_waiting_list_in_order(event, alice, bob, carol, dan):
    services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    third = services.register(event=event, user=carol)
    fourth = services.register(event=event, user=dan)
    assert third.is_waitlisted and fourth.is_waitlisted
    services.cancel(registration=Registration.objects.get(event=event, user=alice))
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.is_confirmed, "the first in line gets the freed seat"
    assert fourth.is_waitlisted
    notification = Notification.objects.get(recipient=carol, verb="event.promoted")
    assert event.title in notification.title


def test_a_new_registration_does_not_jump_the_waiting_list(make_event, alice, bob, carol, dan):
    event = make_event(capacity=2, max_guests=1)
    services.register(event=event, user=alice, guests=1)  # 2 seats: full
    waiting = services.register(event=event, user=bob, guests=1)
    services.cancel(registration=Registration.objects.get(event=event, user=alice))
    waiting.refresh_from_db()
    assert waiting.is_confirmed
    assert services.register(event=event, user=carol).is_waitlisted


def test_guests_count_against_capacity(make_event, alice, bob):
    event = make_event(capacity=3, max_guests=2)
    services.register(event=event, user=alice, guests=2)
    assert services.register(event=event, user=bob).is_confirmed is False
    assert services.seats_taken(event) == 3


def test_too_many_guests_is_a_clear_error(alice_client, alice, make_event):
    event = make_event(capacity=10, max_guests=1)
    response = alice_client.post(register_url(event), {"guests": "5"})
    assert response.status_code == 400
    assert not Registration.objects.filter(user=alice).exists()


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [
        (timedelta(days=1), None, ("pas encore ouvertes", "not open yet")),
        (None, -timedelta(hours=1), ("sont fermées", "Registration is closed")),
    ],
)
def test_registration_outside_its_window_is_refused(
    alice_client, alice, make_event, opens, closes, expected
):
    now = timezone.now()
    event = make_event(
        registration_opens_at=now + opens if opens else None,
        registration_closes_at=now + closes if closes else None,
    )
    response = alice_client.post(register_url(event), follow=True)
    assert any(text in response.content.decode() for text in expected)
    assert not Registration.objects.filter(user=alice).exists()


def test_past_event_refuses_registration(alice_client, alice, make_event):
    event = make_event(starts_at=timezone.now() - timedelta(days=2))
    alice_client.post(register_url(event))
    assert not Registration.objects.filter(user=alice).exists()


def test_required_question_must_be_answered(alice_client, alice, event):
    question = Question.objects.create(
        event=event, label="Allergies ?", kind=Question.Kind.TEXT, required=True
    )
    response = alice_client.post(register_url(event), {})
    assert response.status_code == 400
    assert not Registration.objects.filter(user=alice).exists()
    alice_client.post(register_url(event), {f"question_{question.pk}": "Arachides"})
    registration = Registration.objects.get(user=alice)
    assert registration.answers[str(question.pk)]["answer"] == "Arachides"


def test_choice_question_refuses_a_forged_choice(alice_client, alice, event):
    question = Question.objects.create(
        event=event, label="Repas", kind=Question.Kind.CHOICE, choices="Végé\nViande"
    )
    response = alice_client.post(register_url(event), {f"question_{question.pk}": "Poisson"})
    assert response.status_code == 400
    assert not Registration.objects.filter(user=alice).exists()


def test_cancel_frees_the_seat(alice_client, alice, bob, event):
    alice_client.post(register_url(event))
    alice_client.post(reverse("events:cancel", args=[event.slug]))
    assert Registration.objects.get(user=alice).status == Registration.Status.CANCELLED
    assert services.seats_taken(event) == 0
    # and she may register again
    alice_client.post(register_url(event))
    assert Registration.objects.get(user=alice).is_confirmed


def test_online_link_only_for_registered_attendees(alice_client, alice, make_event):
    event = make_event(format="online", venue="", online_url="https://meet.example/abc")
    page = alice_client.get(event.get_absolute_url()).content.decode()
    assert "meet.example/abc" not in page
    alice_client.post(register_url(event))
    page = alice_client.get(event.get_absolute_url()).content.decode()
    assert "meet.example/abc" in page


def test_who_is_coming_shows_only_listed_attendees(alice_client, alice, bob, carol, event):
    services.register(event=event, user=bob, is_listed=True)
    services.register(event=event, user=carol, is_listed=False)
    page = alice_client.get(event.get_absolute_url()).content.decode()
    assert "Bob Gagnon" in page
    assert "Carol Roy" not in page


def test_the_description_is_shown_as_formatted_text_without_scripts(client, make_event, alice):
    event = make_event(description="**Dîner offert**\n\n<script>alert(1)</script>")
    client.force_login(alice)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<strong>Dîner offert</strong>" in page
    assert "<script>alert(1)" not in page
