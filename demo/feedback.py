"""Demo feedback on the past demo events (demo/data/feedback.toml), and their emails
marked as sent.

``seed_demo_feedback()`` is idempotent: feedback is given only at events that have none,
the sent-email marks are inserted where missing, and the demo member is registered once.
Run it after seed_demo_events().
"""

import random
from datetime import timedelta

from django.db import transaction

from demo.data import load
from demo.events import EVENTS
from demo.members import MEMBER_EMAIL, STAFF_EMAIL
from events import services
from events.models import Event, Feedback, Registration, SentReminder
from events.services.reminders import give_feedback
from members.models import User

SEED = 2029
# The demo member took part in this one, and has not said yet how it went: try the form.
MEMBER_ATTENDED = load("feedback")["member_attended"]
COMMENTS = load("feedback")["comments"]


def seed_demo_feedback(*, log=print):
    """Add feedback to the past demo events and mark their emails as sent. Idempotent."""
    rng = random.Random(SEED)
    past = list(
        Event.objects.filter(slug__in=[definition["slug"] for definition in EVENTS])
        .past()
        .order_by("starts_at")
    )
    if not past:
        log("Demo feedback skipped: seed the demo events first.")
        return 0
    added = 0
    with transaction.atomic():
        _register_demo_member(past)
        for event in past:
            added += _give_feedback(event, rng=rng)
        marks = [
            SentReminder(registration=registration, kind=kind)
            for registration in Registration.objects.confirmed().filter(event__in=past)
            for kind in SentReminder.Kind.values
        ]
        SentReminder.objects.bulk_create(marks, ignore_conflicts=True)
    log(f"Demo feedback: {added} added.")
    return added


def _register_demo_member(past):
    """The demo member attended the webinar (registered two days before, checked in)."""
    event = next((event for event in past if event.slug == MEMBER_ATTENDED), None)
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if event is None or member is None or staff is None:
        return
    if Registration.objects.filter(event=event, user=member).exists():
        return
    registration = services.register(
        event=event, user=member, now=event.starts_at - timedelta(days=2)
    )
    Registration.objects.filter(pk=registration.pk).update(
        created_at=event.starts_at - timedelta(days=2)
    )
    services.check_in(
        registration=registration, by=staff, now=event.starts_at - timedelta(minutes=5)
    )


def _give_feedback(event, *, rng):
    """Some of those who came say how it went, in the event's language."""
    if Feedback.objects.filter(registration__event=event).exists():
        return 0
    comments = COMMENTS.get(event.language, COMMENTS["fr"])
    attended = list(
        Registration.objects.confirmed()
        .filter(event=event, checked_in_at__isnull=False)
        .exclude(user__email=MEMBER_EMAIL)
        .order_by("pk")
    )
    givers = rng.sample(attended, min(len(comments), len(attended)))
    for registration, given in zip(givers, comments, strict=False):
        feedback, _created = give_feedback(
            registration=registration,
            rating=given["rating"],
            comment=given["comment"],
            would_recommend=given["recommend"],
        )
        moment = event.ends_at + timedelta(hours=rng.randint(2, 72))
        Feedback.objects.filter(pk=feedback.pk).update(created_at=moment, updated_at=moment)
    return len(givers)
