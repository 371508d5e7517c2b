"""Emails around an event: the confirmation, the reminders before, the follow-up after;
each once, in the member's language, whatever runs the task and how often."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import services, tasks
from events.models import Feedback, Registration, SentReminder
from events.services.reminders import _claim, send_confirmation, send_due_reminders
from tests.factories import UserFactory

Kind = SentReminder.Kind
NOTHING = {Kind.DAY_BEFORE: 0, Kind.HOUR_BEFORE: 0, Kind.FOLLOW_UP: 0}


def _register(capture, event, user):
    with capture(execute=True):
        return services.register(event=event, user=user)


def _sent(**counts):
    return {**NOTHING, **{Kind(kind): count for kind, count in counts.items()}}


class RefusingBackend(EmailBackend):
    """A mail server that refuses mail for bob."""

    def send_messages(self, messages):
        if any("bob@example.org" in message.to for message in messages):
            raise ConnectionRefusedError("mail server refused")
        return super().send_messages(messages)


# The confirmation


def test_registering_sends_the_confirmation_with_ticket_and_calendar(
    alice, make_event, django_capture_on_commit_callbacks
):
    event = make_event(title="Assemblée générale", slug="assemblee")
    _register(django_capture_on_commit_callbacks, event, alice)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert "Assemblée générale" in message.subject
    site = settings.SITE_URL.rstrip("/")
    assert f"{site}/events/assemblee/ticket/" in message.body
    assert f"{site}/events/assemblee.ics" in message.body
    assert "parce que vous vous êtes inscrit·e à cet événement" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{site}/events/assemblee/ticket/"' in html
    assert SentReminder.objects.filter(kind=Kind.CONFIRMATION).count() == 1


def test_the_confirmation_is_in_the_members_language_with_times_where_the_event_happens(
    alice, make_event, django_capture_on_commit_callbacks
):
    alice.profile.language = "en"
    alice.profile.save()
    starts = datetime(2031, 3, 6, 23, 30, tzinfo=UTC)  # 18:30 in Toronto, 00:30 in Paris
    event = make_event(slug="soiree", starts_at=starts, time_zone="America/Toronto")
    _register(django_capture_on_commit_callbacks, event, alice)
    body = mail.outbox[0].body
    assert "/en/events/soiree/ticket/" in body
    assert "March 6, 2031" in body and "6:30" in body
    assert "America/Toronto" in body
    assert '<html lang="en">' in mail.outbox[0].alternatives[0][0]


def test_a_french_speaking_member_gets_french_dates_and_links(
    bob, make_event, django_capture_on_commit_callbacks
):
    starts = datetime(2031, 3, 6, 23, 30, tzinfo=UTC)
    event = make_event(slug="soiree", starts_at=starts, time_zone="Europe/Paris")
    _register(django_capture_on_commit_callbacks, event, bob)
    body = mail.outbox[0].body
    assert "7 mars 2031" in body and "00:30" in body
    assert "Europe/Paris" in body
    assert "/en/" not in body
    assert '<html lang="fr">' in mail.outbox[0].alternatives[0][0]


def test_an_online_event_confirmation_carries_the_online_link(
    alice, make_event, django_capture_on_commit_callbacks
):
    event = make_event(format="online", venue="", online_url="https://meet.example/abc")
    _register(django_capture_on_commit_callbacks, event, alice)
    assert "https://meet.example/abc" in mail.outbox[0].body


def test_the_waiting_list_gets_no_confirmation_until_promoted(
    alice, bob, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    first = _register(django_capture_on_commit_callbacks, event, alice)
    waiting = _register(django_capture_on_commit_callbacks, event, bob)
    assert waiting.is_waitlisted
    assert [message.to for message in mail.outbox] == [["alice@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=first)
    assert [message.to for message in mail.outbox][-1] == ["bob@example.org"]
    assert SentReminder.objects.filter(registration=waiting, kind=Kind.CONFIRMATION).exists()


def test_the_confirmation_is_sent_once(alice, make_event, django_capture_on_commit_callbacks):
    registration = _register(django_capture_on_commit_callbacks, make_event(), alice)
    assert send_confirmation(registration) == "skipped"
    assert tasks.send_registration_confirmation(registration.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_no_confirmation_once_the_event_has_started(alice, make_event):
    event = make_event()
    registration = services.register(event=event, user=alice)
    assert send_confirmation(registration, now=event.starts_at + timedelta(minutes=5)) == "skipped"
    assert mail.outbox == []


def test_no_confirmation_for_an_unpublished_event(alice, make_event):
    registration = services.register(event=make_event(is_published=False), user=alice)
    assert send_confirmation(registration) == "skipped"
    assert mail.outbox == []


def test_a_refused_confirmation_can_be_sent_again(bob, make_event, settings):
    settings.EMAIL_BACKEND = "tests.events.test_reminders.RefusingBackend"
    registration = services.register(event=make_event(), user=bob)
    assert send_confirmation(registration) == "failed"
    assert not SentReminder.objects.filter(registration=registration).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_confirmation(registration) == "sent"
    assert len(mail.outbox) == 1


# Reminders before the event


def test_the_day_before_reminder_goes_within_24_hours_of_the_start(alice, bob, make_event):
    event = make_event(title="Assemblée", slug="assemblee")
    services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    assert send_due_reminders(now=event.starts_at - timedelta(hours=25)) == NOTHING
    assert send_due_reminders(now=event.starts_at - timedelta(hours=20)) == _sent(day_before=2)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.org",
        "bob@example.org",
    ]
    assert "Rappel" in mail.outbox[0].subject
    assert "/events/assemblee/ticket/" in mail.outbox[0].body


def test_the_hour_before_reminder_goes_within_the_last_hour(alice, make_event):
    event = make_event(format="online", venue="", online_url="https://meet.example/abc")
    services.register(event=event, user=alice)
    send_due_reminders(now=event.starts_at - timedelta(hours=20))
    assert send_due_reminders(now=event.starts_at - timedelta(minutes=90)) == NOTHING
    assert send_due_reminders(now=event.starts_at - timedelta(minutes=55)) == _sent(hour_before=1)
    assert "https://meet.example/abc" in mail.outbox[-1].body
    assert len(mail.outbox) == 2
    assert send_due_reminders(now=event.starts_at + timedelta(minutes=1)) == NOTHING


def test_reminders_skip_cancelled_waitlisted_and_unpublished(alice, bob, carol, make_event):
    event = make_event(capacity=1)
    services.register(event=event, user=alice)
    waiting = services.register(event=event, user=bob)
    assert waiting.is_waitlisted
    draft = make_event(is_published=False, starts_at=event.starts_at)
    services.register(event=draft, user=carol)
    cancelled = make_event(starts_at=event.starts_at)
    services.cancel(registration=services.register(event=cancelled, user=carol))
    assert send_due_reminders(now=event.starts_at - timedelta(hours=3)) == _sent(day_before=1)
    assert [message.to for message in mail.outbox] == [["alice@example.org"]]


def test_running_twice_sends_once(alice, make_event):
    event = make_event(starts_at=timezone.now() + timedelta(hours=3))
    services.register(event=event, user=alice)
    moment = timezone.now()
    assert send_due_reminders(now=moment) == _sent(day_before=1)
    assert send_due_reminders(now=moment) == NOTHING
    output = io.StringIO()
    call_command("send_event_reminders", stdout=output)  # the same, by hand: nothing more
    assert "day_before: 0" in output.getvalue()
    assert len(mail.outbox) == 1


def test_a_claim_made_by_another_worker_is_not_sent_again(alice, bob, make_event):
    event = make_event()
    services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    moment = event.starts_at - timedelta(hours=3)
    # Another worker claimed alice's reminder a moment ago: only bob's is this run's.
    SentReminder.objects.create(
        registration=Registration.objects.get(user=alice), kind=Kind.DAY_BEFORE
    )
    assert send_due_reminders(now=moment) == _sent(day_before=1)
    assert [message.to for message in mail.outbox] == [["bob@example.org"]]


def test_two_workers_claiming_the_same_reminders_send_each_once(alice, bob, make_event):
    event = make_event()
    due = [services.register(event=event, user=user) for user in (alice, bob)]
    # Both workers read the same due list; the second inserts after the first.
    assert _claim(Kind.DAY_BEFORE, due) == due
    assert _claim(Kind.DAY_BEFORE, due) == []
    assert SentReminder.objects.filter(kind=Kind.DAY_BEFORE).count() == 2


def test_a_late_registrant_gets_no_day_before_reminder_after_the_confirmation(
    alice, make_event, django_capture_on_commit_callbacks
):
    event = make_event(starts_at=timezone.now() + timedelta(hours=3))
    _register(django_capture_on_commit_callbacks, event, alice)
    assert send_due_reminders() == NOTHING
    assert send_due_reminders(now=event.starts_at - timedelta(minutes=50)) == _sent(hour_before=1)
    kinds = list(SentReminder.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [Kind.CONFIRMATION, Kind.HOUR_BEFORE]
    assert len(mail.outbox) == 2


def test_a_refused_reminder_is_tried_again_at_the_next_run(alice, bob, make_event, settings):
    event = make_event()
    services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    moment = event.starts_at - timedelta(hours=3)
    settings.EMAIL_BACKEND = "tests.events.test_reminders.RefusingBackend"
    assert send_due_reminders(now=moment) == _sent(day_before=1)
    assert [message.to for message in mail.outbox] == [["alice@example.org"]]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_reminders(now=moment) == _sent(day_before=1)
    assert [message.to for message in mail.outbox][-1] == ["bob@example.org"]


# The follow-up


def _ended(event):
    return event.ends_at + timedelta(hours=1)


def test_the_follow_up_goes_to_those_checked_in_with_the_feedback_link(
    alice, bob, staff, make_event
):
    event = make_event(slug="assemblee")
    came = services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    services.check_in(registration=came, by=staff, now=event.starts_at)
    assert send_due_reminders(now=event.ends_at - timedelta(minutes=5)) == NOTHING
    assert send_due_reminders(now=_ended(event)) == _sent(follow_up=1)
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert f"{settings.SITE_URL.rstrip('/')}/events/assemblee/feedback/" in message.body
    assert "Merci d’être venu·e" in message.subject


def test_without_any_check_in_the_follow_up_goes_to_every_attendee(alice, bob, make_event):
    event = make_event()
    services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    assert send_due_reminders(now=_ended(event)) == _sent(follow_up=2)


def test_no_follow_up_after_a_week_or_once_feedback_is_given(alice, bob, make_event):
    event = make_event()
    services.register(event=event, user=alice)
    gave = services.register(event=event, user=bob)
    Feedback.objects.create(registration=gave, rating=4)
    assert send_due_reminders(now=event.ends_at + timedelta(days=8)) == NOTHING
    assert send_due_reminders(now=_ended(event)) == _sent(follow_up=1)
    assert [message.to for message in mail.outbox] == [["alice@example.org"]]


# How it runs


def test_the_task_and_the_command_send_what_is_due(alice, make_event):
    event = make_event(starts_at=timezone.now() + timedelta(hours=5))
    services.register(event=event, user=alice)
    assert tasks.send_event_reminders.delay().get() == {
        "day_before": 1,
        "hour_before": 0,
        "follow_up": 0,
    }
    output = io.StringIO()
    call_command("send_event_reminders", stdout=output)
    assert "day_before: 0" in output.getvalue()
    assert len(mail.outbox) == 1


def test_celery_beat_runs_the_reminders_every_five_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["events-send-reminders"]
    assert entry == {"task": "events.tasks.send_event_reminders", "schedule": 300.0}
    assert "events.tasks.send_event_reminders" in tasks.send_event_reminders.app.tasks


def _grow(events, count, offset, staff):
    for n in range(count):
        user = UserFactory(email=f"due{offset + n}@example.org")
        for event in events:
            registration = services.register(event=event, user=user)
            if event.slug == "ended":
                services.check_in(registration=registration, by=staff, now=event.starts_at)


@pytest.mark.parametrize("kind", ["day_before", "hour_before", "follow_up"])
def test_sending_reminders_reads_the_same_number_of_rows_however_many_are_due(
    kind, make_event, staff
):
    start = timezone.now() + timedelta(days=7)
    events = [make_event(starts_at=start), make_event(starts_at=start, slug="ended")]
    moments = {
        "day_before": start - timedelta(hours=3),
        "hour_before": start - timedelta(minutes=30),
        "follow_up": start + timedelta(hours=3),
    }

    def run():
        SentReminder.objects.all().delete()
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as captured:
            sent = send_due_reminders(now=moments[kind])
        assert sent[kind] == len(mail.outbox)
        return len(captured)

    _grow(events, 2, 0, staff)
    before = run()
    _grow(events, 18, 100, staff)
    assert run() == before
    assert len(mail.outbox) == 40
