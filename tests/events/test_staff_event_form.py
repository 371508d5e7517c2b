"""Staff create and change events on the site's staff pages."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from analytics.models import Activity
from events import services
from events.models import Event, Question
from members.models import MembershipTier
from tests.factories import event_form_data
from tests.helpers import text, url


def test_staff_create_an_event_with_local_times_interests_and_a_question(staff_client, staff):
    response = staff_client.post(url("create"), event_form_data(), follow=True)
    assert response.status_code == 200
    assert "The event is created." in text(response)
    event = Event.objects.get()
    assert event.slug == "assemblee-des-locataires"
    # 18:30 in Montréal on 10 March 2027 (still standard time, UTC−5): 23:30 UTC.
    assert event.starts_at == datetime(2027, 3, 10, 23, 30, tzinfo=UTC)
    assert event.created_by == staff
    assert sorted(event.interests.names()) == ["Droits des locataires", "Logement"]
    question = Question.objects.get(event=event)
    assert question.choice_list() == ["LSQ", "Aucun"]
    assert Activity.objects.filter(verb="event.created").exists()
    assert response.redirect_chain[-1][0] == event.get_absolute_url()


def test_times_are_read_in_the_events_zone_not_the_staff_members(staff_client, settings):
    # Typed by staff whose own zone is Vancouver: still Paris time for an event in Paris.
    staff_client.cookies["tz"] = "America/Vancouver"
    data = event_form_data(
        time_zone="Europe/Paris", starts_at="2027-01-15T10:00", ends_at="2027-01-15T12:00"
    )
    staff_client.post(url("create"), data)
    assert Event.objects.get().starts_at == datetime(2027, 1, 15, 9, 0, tzinfo=UTC)


def test_a_time_that_does_not_exist_there_is_refused(staff_client):
    # 14 March 2027, 02:30 in Montréal: the clocks jump from 02:00 to 03:00.
    data = event_form_data(starts_at="2027-03-14T02:30", ends_at="2027-03-14T05:00")
    response = staff_client.post(url("create"), data)
    assert response.status_code == 400
    assert "This time does not exist there" in text(response)
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at": "2027-03-10T17:00"}, "An event ends after it starts."),
        ({"format": "online"}, "An online or hybrid event needs its link."),
        ({"venue": ""}, "An in-person or hybrid event needs its place."),
        ({"audience": "space"}, "Choose the space whose members are invited."),
        ({"audience": "tiers"}, "Choose the membership tiers invited."),
        ({"starts_at": "demain"}, "Enter a valid date/time."),
        ({"title": "<script>x</script>"}, "Write plain text here"),
        ({"questions-0-choices": "LSQ"}, "Give at least two choices, one per line."),
    ],
    ids=["ends first", "no link", "no place", "no space", "no tiers", "garbage", "markup",
         "one choice"],
)  # fmt: skip
def test_bad_input_is_a_message_and_nothing_is_stored(staff_client, overrides, message):
    response = staff_client.post(url("create"), event_form_data(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert not Event.objects.exists()
    assert not Question.objects.exists()


def test_the_edit_form_shows_the_times_of_the_events_zone(staff_client, make_event):
    event = make_event(
        starts_at=datetime(2027, 6, 1, 23, 0, tzinfo=UTC), time_zone="America/Vancouver"
    )
    page = text(staff_client.get(url("edit", event.slug)))
    assert 'value="2027-06-01T16:00"' in page  # 23:00 UTC is 16:00 in Vancouver in June


def test_staff_raise_the_capacity_and_the_waiting_list_gets_the_seats(
    staff_client, make_event, alice, bob, dan
):
    event = make_event(capacity=1, slug="atelier")
    for member in (alice, bob, dan):
        services.register(event=event, user=member)
    local = event.starts_at.astimezone(event.zone)
    data = event_form_data(
        title="Atelier renommé",
        starts_at=local.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(local + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        capacity="2",
        **{"questions-0-label": "", "questions-0-kind": "text", "questions-0-choices": ""},
    )
    response = staff_client.post(url("edit", event.slug), data, follow=True)
    assert "1 member moved from the waiting list to a seat." in text(response)
    assert event.registrations.confirmed().count() == 2
    event.refresh_from_db()
    assert event.slug == "atelier"  # the address does not change with the title


def test_staff_remove_a_question_and_restrict_to_tiers(staff_client, make_event):
    tier = MembershipTier.objects.create(name="Organisme membre")
    event = make_event(slug="forum")
    question = Question.objects.create(event=event, label="Allergies ?")
    local = event.starts_at.astimezone(event.zone)
    data = event_form_data(
        starts_at=local.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(local + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        audience="tiers",
        tiers=[tier.pk],
        **{
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "1",
            "questions-0-id": str(question.pk),
            "questions-0-label": "Allergies ?",
            "questions-0-kind": "text",
            "questions-0-choices": "",
            "questions-0-DELETE": "on",
        },
    )
    response = staff_client.post(url("edit", event.slug), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert list(event.tiers.all()) == [tier]
    assert not Question.objects.exists()
    assert Activity.objects.filter(verb="event.changed").exists()


def test_titles_that_repeat_get_their_own_address(staff_client, make_event):
    make_event(slug="assemblee-des-locataires")
    staff_client.post(url("create"), event_form_data())
    assert Event.objects.filter(slug="assemblee-des-locataires-2").exists()
    staff_client.post(url("create"), event_form_data(title="New"))
    assert Event.objects.filter(slug="new-2").exists()  # /events/new/ is the form


@pytest.mark.parametrize("person", ["anonymous", "member"])
def test_only_staff_create_or_edit(client, alice, make_event, person):
    event = make_event()
    if person == "member":
        client.force_login(alice)
    for address in (url("create"), url("edit", event.slug)):
        get, post = client.get(address), client.post(address, event_form_data())
        if person == "anonymous":
            assert get.status_code == post.status_code == 302
            assert "/accounts/login/" in get.url
        else:
            assert get.status_code == post.status_code == 403
    assert Event.objects.count() == 1


def test_staff_find_the_form_from_the_list_and_the_event(staff_client, make_event):
    event = make_event()
    assert url("create") in text(staff_client.get(url("list")))
    assert url("edit", event.slug) in text(staff_client.get(event.get_absolute_url()))


def test_a_draft_is_seen_by_staff_only(staff_client, alice):
    staff_client.post(url("create"), event_form_data(is_published=""))
    event = Event.objects.get()
    assert not event.is_published
    assert staff_client.get(event.get_absolute_url()).status_code == 200
    staff_client.force_login(alice)
    assert staff_client.get(event.get_absolute_url()).status_code == 404


def on_the_minute(moment):
    return moment.replace(second=0, microsecond=0)


def _edit_data(event, **overrides):
    local = event.starts_at.astimezone(event.zone)
    data = event_form_data(
        title=event.title,
        venue=event.venue,
        description=event.description,
        interests="",
        capacity="",
        max_guests="0",
        starts_at=local.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(local + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        **{"questions-0-label": "", "questions-0-kind": "text", "questions-0-choices": ""},
    )
    data.update(overrides)
    return data


def test_a_new_date_tells_the_registered_and_rearms_the_reminders(
    staff_client, make_event, alice, bob, carol
):
    from community.models import Notification
    from events.models import SentReminder
    from events.services import reminders

    event = make_event(capacity=1, starts_at=timezone.now() + timedelta(hours=12), slug="soiree")
    services.register(event=event, user=alice)
    services.register(event=event, user=bob)  # waiting
    reminders.send_due_reminders()
    assert SentReminder.objects.filter(kind="day_before").count() == 1
    confirmed = event.registrations.get(user=alice)
    SentReminder.objects.create(registration=confirmed, kind="confirmation")
    later = event.starts_at.astimezone(event.zone) + timedelta(days=7)
    data = _edit_data(
        event,
        capacity="1",
        starts_at=later.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(later + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    )
    assert staff_client.post(url("edit", event.slug), data).status_code == 302
    told = set(
        Notification.objects.filter(verb="event.changed").values_list("recipient", flat=True)
    )
    assert told == {alice.pk, bob.pk}
    assert not SentReminder.objects.filter(kind="day_before").exists()
    assert SentReminder.objects.filter(kind="confirmation").exists()  # that one stays


def test_a_new_description_tells_nobody(staff_client, make_event, alice):
    from community.models import Notification

    event = make_event(slug="soiree", starts_at=on_the_minute(timezone.now() + timedelta(days=3)))
    services.register(event=event, user=alice)
    data = _edit_data(event, description="Nouveau programme, même date.")
    assert staff_client.post(url("edit", event.slug), data).status_code == 302
    assert not Notification.objects.filter(verb="event.changed").exists()
    assert Activity.objects.filter(verb="event.changed").exists()


def test_a_new_place_in_the_admin_tells_the_registered(staff_client, make_event, alice):
    from community.models import Notification

    event = make_event(slug="soiree")
    services.register(event=event, user=alice)
    local = event.starts_at.astimezone(event.zone)
    response = staff_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        {
            "title": event.title,
            "slug": event.slug,
            "language": "fr",
            "description": "",
            "interests": "",
            "format": "in_person",
            "starts_at_0": local.strftime("%Y-%m-%d"),
            "starts_at_1": local.strftime("%H:%M"),
            "ends_at_0": (local + timedelta(hours=2)).strftime("%Y-%m-%d"),
            "ends_at_1": (local + timedelta(hours=2)).strftime("%H:%M"),
            "time_zone": event.time_zone,
            "venue": "Salle paroissiale",
            "address": "",
            "online_url": "",
            "audience": "members",
            "capacity": "",
            "max_guests": "0",
            "meeting_minutes": "20",
            "is_published": "on",
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
            "workshop_tables-TOTAL_FORMS": "0",
            "workshop_tables-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Notification.objects.filter(verb="event.changed", recipient=alice).exists()
