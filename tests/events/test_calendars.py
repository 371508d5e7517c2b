"""Calendar files: one event's .ics; the member's secret, revocable feed."""

from django.urls import reverse
from icalendar import Calendar

from events import services


def test_event_ics_is_valid_and_hides_the_online_link(alice_client, make_event):
    event = make_event(format="hybrid", online_url="https://meet.example/x", title="Atelier")
    response = alice_client.get(reverse("events:ics", args=[event.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [component] = calendar.walk("VEVENT")
    assert str(component["summary"]) == "Atelier"
    assert component.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert "meet.example" not in response.content.decode()


def test_member_feed_lists_registered_events_and_revoking_kills_the_old_address(
    alice_client, alice, make_event
):
    going = make_event(title="J'y vais")
    make_event(title="Pas inscrite")
    services.register(event=going, user=alice)
    page = alice_client.get(reverse("events:my_calendar")).content.decode()
    token = services.calendar_feed(alice).token
    assert token in page
    feed_url = reverse("events:feed", args=[token])
    anonymous = alice_client.__class__()
    body = anonymous.get(feed_url).content.decode()
    assert "J'y vais" in body and "Pas inscrite" not in body
    alice_client.post(reverse("events:my_calendar"))
    assert anonymous.get(feed_url).status_code == 404


def test_a_token_is_a_members_own(client, alice, bob, make_event):
    event = make_event(title="Soirée de Bob")
    services.register(event=event, user=bob)
    alice_token = services.calendar_feed(alice).token
    response = client.get(reverse("events:feed", args=[alice_token]))
    assert response.status_code == 200
    assert "Soirée de Bob" not in response.content.decode()
    assert client.get(reverse("events:feed", args=["forged-token"])).status_code == 404


def test_member_feed_holds_accepted_meetings_only(client, alice, bob, dan, make_event):
    from datetime import timedelta

    from events.services import meetings

    event = make_event(title="Forum")
    for member in (alice, bob, dan):
        services.register(event=event, user=member)
    slot = event.starts_at + timedelta(minutes=20)
    accepted = meetings.request_meeting(
        event=event, requester=bob, invitee=alice, starts_at=slot, message="Parlons jardins"
    )
    meetings.accept(meeting=accepted, by=alice)
    meetings.request_meeting(event=event, requester=dan, invitee=alice, starts_at=event.starts_at)
    feed = client.get(reverse("events:feed", args=[services.calendar_feed(alice).token]))
    calendar = Calendar.from_ical(feed.content)
    summaries = {str(c["summary"]): c for c in calendar.walk("VEVENT")}
    assert set(summaries) == {"Forum", "Rencontre avec Bob Gagnon · Forum"}
    meeting = summaries["Rencontre avec Bob Gagnon · Forum"]
    assert meeting.decoded("dtstart") == slot.replace(microsecond=0)
    assert "Parlons jardins" in str(meeting["description"])
