"""Demo live questions and polls, on the demo events of events/demo.py.

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

from events.models import Event, LiveQuestion, Registration
from events.services import live as services
from members.demo import STAFF_EMAIL
from members.models import User

SEED = 2029

PAST = {
    "assemblee-regionale-securite-alimentaire-capitale-nationale": {
        "questions": [
            (
                "Comment les petits comptoirs peuvent-ils recevoir les surplus des épiceries ?",
                9,
                True,
            ),
            (
                "Le transport réfrigéré sera-t-il mutualisé entre les organismes cet hiver ?",
                7,
                True,
            ),
            ("Avez-vous des chiffres sur la demande chez les étudiant·es ?", 5, False),
            ("Peut-on obtenir la présentation du portrait régional ?", 3, True),
            ("Quelles cuisines collectives accueillent de nouveaux groupes ?", 2, False),
        ],
        "hidden": "Qui veut acheter mon vélo ? Écrivez-moi !",
        "poll": (
            "Quelle priorité retenir pour l'hiver ?",
            [
                "Approvisionnement local",
                "Transport des denrées",
                "Cuisines collectives",
                "Bénévolat",
            ],
        ),
    },
    "webinar-grant-writing-funders-remember": {
        "questions": [
            ("How long should the impact summary be for a first application?", 8, True),
            ("Do reviewers read the budget notes, or only the totals?", 6, True),
            ("Can we reapply the same year after a refusal?", 4, False),
            ("Is it acceptable to answer in French on an English form?", 2, True),
        ],
        "hidden": "Check out my consulting services at my website!",
        "poll": (
            "Which part of an application is hardest for your team?",
            ["Telling our impact", "The budget", "Measurable objectives", "Finding the time"],
        ),
    },
}

UPCOMING = {
    "forum-ouvert-se-loger-dignement-a-montreal": (
        "Quel sujet voulez-vous aborder en premier à votre table ?",
        ["Hausses de loyer", "Logement social", "Salubrité", "Coopératives d'habitation"],
    ),
    "info-session-welcoming-newcomer-families-in-winter": (
        "What do newcomer families in your area ask for first?",
        ["Winter clothing", "Housing", "French classes", "Daycare"],
    ),
}


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
        for slug, (question, choices) in UPCOMING.items():
            if slug in events and slug not in busy:
                services.create_poll(
                    event=events[slug], question=question, choices=choices, by=staff
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
    for number, (body, upvotes, answered) in enumerate(definition["questions"]):
        author = attendees[number % len(attendees)]
        moment = during + timedelta(minutes=7 * number)
        question = services.ask_question(event=event, user=author, body=body, now=moment)
        others = [user for user in attendees if user != author]
        for voter in rng.sample(others, min(upvotes, len(others))):
            services.upvote(question=question, user=voter, now=moment)
        if answered:
            services.mark_answered(question=question, by=staff, now=moment + timedelta(minutes=30))
        LiveQuestion.objects.filter(pk=question.pk).update(created_at=moment)
    spam = services.ask_question(
        event=event, user=attendees[-1], body=definition["hidden"], now=during
    )
    services.hide_question(question=spam, by=staff, now=during)

    question, labels = definition["poll"]
    poll = services.create_poll(event=event, question=question, choices=labels, by=staff)
    opened = event.starts_at + timedelta(minutes=45)
    services.open_poll(poll=poll, by=staff, now=opened)
    choices = list(poll.choices.all())
    weights = [max(1, 5 - 2 * index) for index in range(len(choices))]
    for voter in attendees[: max(3, len(attendees) * 2 // 3)]:
        choice = rng.choices(choices, weights=weights)[0]
        services.vote(poll=poll, choice=choice, user=voter, now=opened + timedelta(minutes=2))
    services.close_poll(poll=poll, by=staff, now=opened + timedelta(minutes=10))
    return 1
