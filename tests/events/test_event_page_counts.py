"""The event page's counts (seats, waiting list, attended) are kept under the event's
attendance: every registration, cancellation, check-in and undone check-in shows at once."""

import pytest

from events import services
from events.models import Registration
from tests.helpers import ago, move_event, text

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def test_seats_and_waiting_list_follow_registrations(alice_client, make_event, alice, bob, carol):
    event = make_event(capacity=2)
    assert "2 seats left" in text(alice_client.get(event.get_absolute_url()))
    services.register(event=event, user=bob)
    assert "1 seat left" in text(alice_client.get(event.get_absolute_url()))
    services.register(event=event, user=carol)
    services.register(event=event, user=alice)
    page = text(alice_client.get(event.get_absolute_url()))
    assert "0 seats left" in page
    assert "1 on the waiting list" in page
    services.cancel(registration=Registration.objects.get(event=event, user=bob))
    page = text(alice_client.get(event.get_absolute_url()))
    assert "0 seats left" in page  # alice took bob's seat
    assert "on the waiting list" not in page


def test_attended_follows_check_ins_and_their_undoing(
    alice_client, make_event, alice, bob, staff_with_totp
):
    event = make_event()
    services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    for registration in Registration.objects.filter(event=event):
        services.check_in(registration=registration, by=staff_with_totp)
    move_event(event, starts_at=ago(days=2))
    assert "2 people attended." in text(alice_client.get(event.get_absolute_url()))
    services.undo_check_in(
        registration=Registration.objects.get(event=event, user=bob), by=staff_with_totp
    )
    assert "1 person attended." in text(alice_client.get(event.get_absolute_url()))
