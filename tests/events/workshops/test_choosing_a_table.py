"""Workshop tables: choosing a seat, moving, leaving, full tables, racing for the last seat."""

import pytest
from django.db import connection

from analytics.models import Activity
from events import services
from events.models import Registration, TableSeat
from events.services import workshops
from tests.events.workshops.shared import login, move_to_past, page
from tests.factories import UserFactory
from tests.helpers import all_at_once, url


def test_attendee_chooses_a_table_and_sees_their_seat(
    client, atelier, gouvernance, financement, bob
):
    login(client, bob)
    response = client.post(url("table_choose", "atelier", financement.pk), follow=True)
    assert "You sit at the table “Financement”." in page(response)
    assert TableSeat.objects.get(event=atelier, user=bob).table == financement
    assert "Your table" in page(response)
    assert Activity.objects.filter(verb="event.table_joined", actor=bob).count() == 1


def test_choosing_another_table_moves_the_attendee(
    client, atelier, gouvernance, financement, alice
):
    login(client, alice)
    client.post(url("table_choose", "atelier", financement.pk))
    seats = TableSeat.objects.filter(event=atelier, user=alice)
    assert [seat.table for seat in seats] == [financement]
    moved = Activity.objects.filter(verb="event.table_joined", actor=alice).order_by("pk").last()
    assert moved.data == {"moved_from": gouvernance.pk}


def test_choosing_ones_own_table_again_changes_nothing(client, gouvernance, alice):
    login(client, alice)
    response = client.post(url("table_choose", "atelier", gouvernance.pk), follow=True)
    assert "You already sit at the table “Gouvernance”." in page(response)
    assert TableSeat.objects.filter(user=alice).count() == 1


def test_attendee_leaves_their_table(client, atelier, gouvernance, alice):
    login(client, alice)
    response = client.post(url("table_leave", "atelier"), follow=True)
    assert "You left the table “Gouvernance”." in page(response)
    assert not TableSeat.objects.filter(user=alice).exists()
    assert Activity.objects.filter(verb="event.table_left", actor=alice).exists()


def test_full_table_is_refused_with_a_message(client, atelier, gouvernance, bob, dan):
    services.register(event=atelier, user=dan)
    login(client, bob)
    client.post(url("table_choose", "atelier", gouvernance.pk))  # the second and last seat
    login(client, dan)
    response = client.post(url("table_choose", "atelier", gouvernance.pk), follow=True)
    assert "The table “Gouvernance” is full. Choose another one." in page(response)
    assert not TableSeat.objects.filter(user=dan).exists()
    assert workshops.occupied(gouvernance.seats.all()).count() == 2


def test_a_cancelled_registration_frees_its_seat(client, atelier, gouvernance, bob, alice, dan):
    services.register(event=atelier, user=dan)
    workshops.choose_table(table=gouvernance, user=bob)  # full
    services.cancel(registration=Registration.objects.get(event=atelier, user=alice))
    login(client, dan)
    client.post(url("table_choose", "atelier", gouvernance.pk))
    assert TableSeat.objects.get(user=dan).table == gouvernance


def test_member_not_registered_cannot_choose(client, gouvernance, dan):
    login(client, dan)
    response = client.post(url("table_choose", "atelier", gouvernance.pk), follow=True)
    assert "Only registered attendees choose a table." in page(response)
    assert not TableSeat.objects.filter(user=dan).exists()


def test_facilitator_does_not_take_a_seat(client, gouvernance, financement, carol):
    login(client, carol)
    response = client.post(url("table_choose", "atelier", financement.pk), follow=True)
    assert "You facilitate the table “Gouvernance”: you do not take a seat." in page(response)
    assert not TableSeat.objects.filter(user=carol).exists()


def test_tables_stay_as_they_were_after_the_event(client, atelier, gouvernance, financement, alice):
    move_to_past(atelier, ended_days_ago=1)
    login(client, alice)
    response = client.post(url("table_choose", "atelier", financement.pk), follow=True)
    assert "This event is over: the tables stay as they were." in page(response)
    response = client.post(url("table_leave", "atelier"), follow=True)
    assert "This event is over: the tables stay as they were." in page(response)
    assert TableSeat.objects.get(user=alice).table == gouvernance


def test_a_table_of_another_event_is_404(client, make_event, gouvernance, alice):
    other = make_event(slug="autre")
    login(client, alice)
    assert client.post(url("table_choose", other.slug, gouvernance.pk)).status_code == 404
    assert client.get(url("table", other.slug, gouvernance.pk)).status_code == 404


def test_choosing_is_post_only_and_needs_sign_in(client, gouvernance):
    response = client.post(url("table_choose", "atelier", gouvernance.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    login(client, gouvernance.facilitator)
    assert client.get(url("table_choose", "atelier", gouvernance.pk)).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_racing_attendees_never_overfill_the_last_seat(make_event):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs real concurrent transactions: PostgreSQL")
    event = make_event()
    staff = UserFactory(email="racestaff@example.org", is_staff=True)
    table = workshops.add_table(event=event, theme="Dernière place", capacity=3, by=staff)
    members = [UserFactory(email=f"racer{n}@example.org") for n in range(12)]
    for member in members:
        services.register(event=event, user=member)
    workshops.choose_table(table=table, user=members[0])
    workshops.choose_table(table=table, user=members[1])  # one seat left
    refused, errors = all_at_once(
        lambda user: workshops.choose_table(table=table, user=user),
        members[2:],
        refusal=workshops.WorkshopRefused,
    )
    assert errors == []
    assert len(refused) == 9
    assert TableSeat.objects.filter(table=table).count() == 3
