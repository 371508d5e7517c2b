"""1:1 meetings: requesting, accepting, declining, cancelling; the agendas."""

import pytest

from analytics.models import Activity
from community.models import Notification
from events.models import Meeting
from events.services import meetings
from tests.events.meetings.shared import act, ask, people_url, slot
from tests.helpers import attend, text

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def test_request_accept_puts_the_meeting_in_both_agendas(client, alice, bob, fair):
    attend(fair, alice, bob)
    client.force_login(alice)
    response = ask(client, fair, bob, slot(fair, 1), message="Parlons compta !")
    assert "Your request is sent to Bob Gagnon." in text(response)
    meeting = Meeting.objects.get()
    assert (meeting.requester, meeting.invitee, meeting.status) == (alice, bob, "requested")
    assert meeting.starts_at == slot(fair, 1)
    assert Notification.objects.get(recipient=bob).verb == "event.meeting_requested"

    client.force_login(bob)
    page = text(client.get(people_url(fair)))
    assert "Alice Tremblay asks to meet you" in page
    assert "Parlons compta !" in page
    response = act(client, meeting, "accept")
    assert "The meeting is in both your agendas." in text(response)
    meeting.refresh_from_db()
    assert meeting.status == "accepted"
    assert meeting.responded_at is not None
    assert Notification.objects.get(recipient=alice).verb == "event.meeting_accepted"
    assert list(
        Activity.objects.filter(verb__startswith="event.meeting")
        .order_by("pk")
        .values_list("verb", flat=True)
    ) == ["event.meeting_requested", "event.meeting_accepted"]
    client.force_login(alice)
    assert "with Bob Gagnon" in text(client.get(people_url(fair)))


def test_the_agenda_is_in_time_order(client, alice, bob, dan, fair):
    attend(fair, alice, bob, dan)
    late = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 4)
    )
    early = meetings.request_meeting(
        event=fair, requester=dan, invitee=alice, starts_at=slot(fair, 0)
    )
    meetings.accept(meeting=late, by=bob)
    meetings.accept(meeting=early, by=alice)
    client.force_login(alice)
    page = text(client.get(people_url(fair)))
    assert page.index("with Dan Côté") < page.index("with Bob Gagnon")


def test_only_the_invitee_may_accept_or_decline(client, alice, bob, dan, fair):
    attend(fair, alice, bob, dan)
    meeting = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    client.force_login(alice)
    response = act(client, meeting, "accept")
    assert "Only the person invited can answer this request." in text(response)
    client.force_login(dan)  # not part of it: not even found
    assert act(client, meeting, "accept").status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == "requested"


def test_decline_tells_the_requester_and_they_cannot_ask_again(client, alice, bob, fair):
    attend(fair, alice, bob)
    meeting = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    client.force_login(bob)
    assert "The request is declined." in text(act(client, meeting, "decline"))
    meeting.refresh_from_db()
    assert meeting.status == "declined"
    assert Notification.objects.get(recipient=alice).verb == "event.meeting_declined"
    client.force_login(alice)
    page = text(client.get(people_url(fair)))
    assert "Declined" in page
    assert f'name="invitee" value="{bob.pk}"' not in page
    response = ask(client, fair, bob, slot(fair, 2))
    assert "This person cannot be asked for a meeting at this event." in text(response)
    assert Meeting.objects.count() == 1


def test_either_person_cancels_an_accepted_meeting(client, alice, bob, fair):
    attend(fair, alice, bob)
    meeting = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    meetings.accept(meeting=meeting, by=bob)
    client.force_login(bob)
    assert "The meeting is cancelled." in text(act(client, meeting, "cancel"))
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert Notification.objects.filter(recipient=alice, verb="event.meeting_cancelled").exists()
    # Cancelled: they may ask each other again.
    client.force_login(alice)
    assert "Your request is sent" in text(ask(client, fair, bob, slot(fair, 3)))


def test_the_requester_withdraws_a_request_but_the_invitee_declines_it(client, alice, bob, fair):
    attend(fair, alice, bob)
    meeting = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    client.force_login(bob)
    assert "Decline the request instead." in text(act(client, meeting, "cancel"))
    client.force_login(alice)
    act(client, meeting, "cancel")
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"


def test_an_unknown_action_is_404(alice_client, alice, bob, fair):
    attend(fair, alice, bob)
    meeting = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    assert act(alice_client, meeting, "delete").status_code == 404


def test_the_agenda_names_the_other_person_in_each_list(client, alice, bob, carol, dan, fair):
    attend(fair, alice, bob, carol, dan)
    accepted = meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=slot(fair, 1)
    )
    meetings.accept(meeting=accepted, by=bob)
    meetings.request_meeting(event=fair, requester=carol, invitee=alice, starts_at=slot(fair, 2))
    meetings.request_meeting(event=fair, requester=alice, invitee=dan, starts_at=slot(fair, 3))
    client.force_login(alice)
    page = text(client.get(people_url(fair)))
    assert "with Bob Gagnon" in page
    assert "Carol Roy asks to meet you" in page
    assert "To Dan Côté" in page
    assert "Alice Tremblay" not in page.split("My agenda")[1].split("Suggested for you")[0]
