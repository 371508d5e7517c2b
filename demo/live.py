"""Demo live questions and polls (demo/data/live.toml), on the demo events.

Past events keep the record of their live session: questions with upvotes (some answered,
one hidden) and a closed poll with its votes. Upcoming events have a poll ready to open.
Everything goes through events.services.live, at moments during the event, as it would
have happened. ``seed_demo_live()`` is idempotent: an event that has questions or polls
is left as it is.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import Q

from demo.data import load
from demo.members import STAFF_EMAIL
from events.models import Event, LiveQuestion, Registration
from events.services import live as services
from members.models import User

SEED = 2029

PAST = load("live")["past"]
UPCOMING = load("live")["upcoming"]


def seed_demo_live(*, log=print):
    """Add the live questions and polls. Idempotent: returns how many events got theirs."""
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    events = {e.slug: e for e in Event.objects.filter(slug__in=[*PAST, *UPCOMING])}
    if staff is None or not events:
        log("Demo live questions and polls skipped: seed the demo events first.")
        return 0
    busy = set(
        Event.objects.filter(slug__in=events)
        .filter(Q(live_questions__isnull=False) | Q(polls__isnull=False))
        .values_list("slug", flat=True)
    )
    rng = random.Random(SEED)
    added = 0
    with transaction.atomic():
        for slug, definition in PAST.items():
            if slug in events and slug not in busy:
                added += _past_session(events[slug], definition, staff=staff, rng=rng)
        for slug, poll in UPCOMING.items():
            if slug in events and slug not in busy:
                services.create_poll(
                    event=events[slug], question=poll["question"], choices=poll["choices"], by=staff
                )
                added += 1
    log(
        f"Demo live questions and polls: {added} events added, "
        f"{len(events) - added} left as they were."
    )
    return added


def _past_session(event, definition, *, staff, rng):
    attendees = [
        registration.user
        for registration in Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED
        )
        .select_related("user")
        .order_by("pk")
    ]
    if len(attendees) < 3:
        return 0
    during = event.starts_at + timedelta(minutes=20)
    for number, asked in enumerate(definition["questions"]):
        author = attendees[number % len(attendees)]
        moment = during + timedelta(minutes=7 * number)
        question = services.ask_question(event=event, user=author, body=asked["body"], now=moment)
        others = [user for user in attendees if user != author]
        for voter in rng.sample(others, min(asked["upvotes"], len(others))):
            services.upvote(question=question, user=voter, now=moment)
        if asked["answered"]:
            services.mark_answered(question=question, by=staff, now=moment + timedelta(minutes=30))
        LiveQuestion.objects.filter(pk=question.pk).update(created_at=moment)
    spam = services.ask_question(
        event=event, user=attendees[-1], body=definition["hidden"], now=during
    )
    services.hide_question(question=spam, by=staff, now=during)

    poll = services.create_poll(
        event=event,
        question=definition["poll"]["question"],
        choices=definition["poll"]["choices"],
        by=staff,
    )
    opened = event.starts_at + timedelta(minutes=45)
    services.open_poll(poll=poll, by=staff, now=opened)
    choices = list(poll.choices.all())
    weights = [max(1, 5 - 2 * index) for index in range(len(choices))]
    for voter in attendees[: max(3, len(attendees) * 2 // 3)]:
        choice = rng.choices(choices, weights=weights)[0]
        services.vote(poll=poll, choice=choice, user=voter, now=opened + timedelta(minutes=2))
    services.close_poll(poll=poll, by=staff, now=opened + timedelta(minutes=10))
    return 1
