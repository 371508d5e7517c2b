"""Staff's admin for events: lists that stay cheap, and actions that go through the services."""

from analytics.models import Activity
from events import services
from events.models import Question, Registration
from tests.factories import UserFactory
from tests.helpers import page_queries

EVENTS = "/en/admin/events/event/"
REGISTRATIONS = "/en/admin/events/registration/"


def fill(event, members):
    return [services.register(event=event, user=UserFactory(), guests=0) for _ in range(members)]


def act(client, action, registrations):
    return client.post(
        REGISTRATIONS,
        {"action": action, "_selected_action": [r.pk for r in registrations]},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_event_list_queries_do_not_grow_with_events(staff_client, make_event):
    for _ in range(2):
        fill(make_event(capacity=3, max_guests=1), members=4)
    few = page_queries(staff_client, EVENTS, warm=True)
    for _ in range(12):
        fill(make_event(capacity=3, max_guests=1), members=4)
    assert page_queries(staff_client, EVENTS, warm=True) == few


def test_event_list_shows_seats_waitlist_and_the_way_to_registrations(
    staff_client, event, alice, bob, carol
):
    services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    services.register(event=event, user=carol)

    response = staff_client.get(EVENTS)

    row = response.content.decode()
    assert '<td class="field-seats">2 / 2</td>' in row
    assert '<td class="field-waitlist">1</td>' in row
    assert f"{REGISTRATIONS}?event__id__exact={event.pk}" in row


def test_event_list_is_for_staff_only(alice_client):
    response = alice_client.get(EVENTS)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_registration_list_queries_do_not_grow_with_registrations(staff_client, make_event):
    first = make_event()
    fill(first, members=2)
    few = page_queries(staff_client, REGISTRATIONS, warm=True)
    fill(first, members=10)
    fill(make_event(), members=10)
    assert page_queries(staff_client, REGISTRATIONS, warm=True) == few


def test_registration_list_filters_by_event(staff_client, make_event, alice, bob):
    mine, other = make_event(), make_event()
    services.register(event=mine, user=alice)
    services.register(event=other, user=bob)

    response = staff_client.get(f"{REGISTRATIONS}?event__id__exact={mine.pk}")

    assert [r.user for r in response.context["cl"].result_list] == [alice]


def test_registrations_are_neither_added_nor_deleted_by_hand(staff_client, event, alice):
    registration = services.register(event=event, user=alice)

    assert staff_client.get(f"{REGISTRATIONS}add/").status_code == 403
    assert staff_client.get(f"{REGISTRATIONS}{registration.pk}/delete/").status_code == 403
    page = staff_client.get(f"{REGISTRATIONS}{registration.pk}/change/")
    assert page.status_code == 200
    assert registration.ticket_code in page.content.decode()


def test_check_in_action_checks_in_confirmed_registrations(staff_client, staff, event, alice):
    registration = services.register(event=event, user=alice)

    response = act(staff_client, "check_in", [registration])

    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by == staff
    assert messages_of(response) == ["1 attendee checked in."]
    assert Activity.objects.filter(verb="event.checked_in", actor=staff).count() == 1


def test_check_in_action_refuses_the_waiting_list(staff_client, event, alice, bob, carol):
    services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    waiting = services.register(event=event, user=carol)

    response = act(staff_client, "check_in", [waiting])

    waiting.refresh_from_db()
    assert waiting.checked_in_at is None
    assert messages_of(response) == [
        "Carol Roy: This ticket is not a confirmed registration (On the waiting list)."
    ]


def test_checking_in_twice_is_once(staff_client, staff, event, alice):
    registration = services.register(event=event, user=alice)
    act(staff_client, "check_in", [registration])

    response = act(staff_client, "check_in", [registration])

    assert messages_of(response) == ["1 attendee was already checked in."]
    assert Activity.objects.filter(verb="event.checked_in").count() == 1


def test_cancel_action_gives_the_seat_to_the_first_in_line(
    staff_client, staff, event, alice, bob, carol, dan
):
    leaving = services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    first_in_line = services.register(event=event, user=carol)
    services.register(event=event, user=dan)

    response = act(staff_client, "cancel", [leaving])

    statuses = dict(Registration.objects.values_list("user__email", "status"))
    assert statuses == {
        "alice@example.org": "cancelled",
        "bob@example.org": "confirmed",
        "carol@example.org": "confirmed",
        "dan@example.org": "waitlisted",
    }
    assert messages_of(response) == [
        "1 registration cancelled.",
        "1 member moved from the waiting list to a seat.",
    ]
    assert Activity.objects.filter(verb="event.cancelled", actor=staff).count() == 1
    promoted = Activity.objects.get(verb="event.promoted")
    assert promoted.target_id == first_in_line.pk


def test_cancel_action_keeps_a_checked_in_registration(staff_client, staff, event, alice):
    registration = services.register(event=event, user=alice)
    services.check_in(registration=registration, by=staff)

    response = act(staff_client, "cancel", [registration])

    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert messages_of(response) == [
        "0 registrations cancelled.",
        "Alice Tremblay: You were checked in: this registration stays.",
    ]


def test_fill_from_waitlist_action_uses_seats_added_since(
    staff_client, event, alice, bob, carol, dan
):
    for member in (alice, bob, carol, dan):
        services.register(event=event, user=member)
    event.capacity = 3
    event.save(update_fields=["capacity"])

    response = staff_client.post(
        EVENTS, {"action": "fill_from_waitlist", "_selected_action": [event.pk]}, follow=True
    )

    assert list(event.registrations.waitlisted().values_list("user__email", flat=True)) == [
        "dan@example.org"
    ]
    assert messages_of(response) == ["1 member moved from the waiting list to a seat."]


def test_event_page_shows_its_questions_and_the_way_to_registrations(staff_client, event):
    Question.objects.create(event=event, label="Régime alimentaire ?", kind="text")

    response = staff_client.get(f"/admin/events/event/{event.pk}/change/")

    page = response.content.decode()
    assert "Régime alimentaire ?" in page
    assert f"{REGISTRATIONS.removeprefix('/en')}?event__id__exact={event.pk}" in page


def test_raising_the_capacity_seats_the_waiting_list(staff_client, event, alice, bob, carol):
    for member in (alice, bob, carol):
        services.register(event=event, user=member)
    local = event.starts_at.astimezone(event.zone)
    ends = event.ends_at.astimezone(event.zone)

    response = staff_client.post(
        f"{EVENTS}{event.pk}/change/",
        {
            "title": event.title,
            "slug": event.slug,
            "language": "fr",
            "description": "",
            "interests": "",
            "format": "in_person",
            "starts_at_0": local.strftime("%Y-%m-%d"),
            "starts_at_1": local.strftime("%H:%M"),
            "ends_at_0": ends.strftime("%Y-%m-%d"),
            "ends_at_1": ends.strftime("%H:%M"),
            "time_zone": event.time_zone,
            "venue": event.venue,
            "address": "",
            "online_url": "",
            "audience": "members",
            "capacity": "3",
            "max_guests": "0",
            "meeting_minutes": "20",
            "is_published": "on",
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
            "workshop_tables-TOTAL_FORMS": "0",
            "workshop_tables-INITIAL_FORMS": "0",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "1 member moved from the waiting list to a seat." in messages_of(response)
    assert event.registrations.waitlisted().count() == 0
    assert event.registrations.confirmed().count() == 3
