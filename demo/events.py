"""The demo events in French and English (demo/data/events.toml): some past with their
attendance, most upcoming, one repeated as a series.

``seed_demo_events()`` is idempotent: an event is keyed on its address, and its questions
and registrations are added only when the event is new. Times are local times in
Québec, relative to the day the demo is seeded, so the calendar always looks alive.
Registrations, cancellations, check-ins and the series go through events.services, as a
member's or staff's would.
"""

import random
import zoneinfo
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from demo.data import load
from demo.members import MEMBER_EMAIL, PARTNER_EMAILS, STAFF_EMAIL
from events import services
from events.models import DEFAULT_TIME_ZONE, Event, Question, Registration
from events.services import editing, series
from members.models import Membership as TierMembership
from members.models import MembershipTier, Profile, User
from spaces.models import Membership, Space

SEED = 2028
ZONE = zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)

EVENTS = load("events")["events"]


def seed_demo_events(*, log=print):
    """Create the demo events. Idempotent: events that exist are left as they are."""
    rng = random.Random(SEED)
    existing = set(Event.objects.values_list("slug", flat=True))
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        log("Demo events skipped: seed the demo members first.")
        return 0
    demo_member = User.objects.filter(email=MEMBER_EMAIL).first()
    now = timezone.now()
    added = 0
    with transaction.atomic():
        for definition in EVENTS:
            if definition["slug"] in existing:
                continue
            event = _create_event(definition, staff=staff, now=now)
            _register_people(event, definition, rng=rng, staff=staff, demo_member=demo_member)
            if "repeat" in definition:
                repeat = definition["repeat"]
                series.repeat_event(
                    event=event, frequency=repeat["frequency"], count=repeat["count"], by=staff
                )
            added += 1
    log(f"Demo events: {added} added, {len(EVENTS) - added} already there.")
    return added


def local_moment(now, *, days, at):
    """The aware moment `days` from `now`'s day, at a wall-clock time in Québec."""
    day = now.astimezone(ZONE).date() + timedelta(days=days)
    return datetime.combine(day, at, tzinfo=ZONE)


def _create_event(definition, *, staff, now):
    starts_at = local_moment(now, days=definition["day"], at=definition["start"])
    space = None
    audience = definition.get("audience", Event.Audience.MEMBERS)
    if audience == Event.Audience.SPACE:
        space = Space.objects.filter(slug=definition["space"]).first()
        if space is None:
            audience = Event.Audience.MEMBERS
    tiers = list(MembershipTier.objects.filter(name__in=definition.get("tiers", [])))
    if audience == Event.Audience.TIERS and not tiers:
        audience = Event.Audience.MEMBERS
    closes_before = definition.get("closes_before")
    event = Event(
        slug=definition["slug"],
        title=definition["title"],
        description=definition["description"],
        language=definition["language"],
        format=definition["format"],
        venue=definition.get("venue", ""),
        address=definition.get("address", ""),
        online_url=definition.get("online_url", ""),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=definition["hours"]),
        capacity=definition.get("capacity"),
        max_guests=definition.get("max_guests", 0),
        registration_closes_at=(
            starts_at - timedelta(days=closes_before) if closes_before else None
        ),
        audience=audience,
        space=space,
        created_by=staff,
    )
    event.full_clean()
    questions = [
        Question(
            label=question["label"],
            kind=question["kind"],
            choices="\n".join(question.get("choices", [])),
            required=question.get("required", False),
            position=position,
        )
        for position, question in enumerate(definition.get("questions", []))
    ]
    editing.save_event(
        event=event,
        by=staff,
        interests=definition["interests"],
        tiers=tiers,
        questions=questions,
    )
    return event


def _register_people(event, definition, *, rng, staff, demo_member):
    """Registrations through the services; past events also get their check-ins."""
    exclude = {staff.pk} | ({demo_member.pk} if demo_member else set())
    count, waitlist = definition["registrations"], definition.get("waitlist", 0)
    member = definition.get("member") if demo_member else None
    users = _audience(event, definition, rng=rng, exclude=exclude)
    users = users[: count + waitlist - (member == "waitlisted")]
    if member == "waitlisted":
        users.insert(count + 1, demo_member)  # second in line
    # Registered over the three weeks before the event (or, upcoming, before today).
    latest = min(event.starts_at, timezone.now()) - timedelta(hours=2)
    moments = sorted(latest - timedelta(minutes=rng.randint(0, 60 * 24 * 21)) for _user in users)
    questions = list(zip(event.questions.all(), definition.get("questions", []), strict=True))
    registrations = [
        _register(event, user, questions, rng=rng, now=moment)
        for user, moment in zip(users, moments, strict=True)
    ]
    if member == "registered":
        guests = min(event.max_guests, 1)
        registrations.append(
            _register(event, demo_member, questions, rng=rng, now=latest, guests=guests)
        )
    for registration in registrations[: definition.get("cancellations", 0)]:
        services.cancel(registration=registration, now=latest)
    if event.is_past():
        for registration in registrations:
            if registration.is_confirmed and rng.random() < definition["attendance"]:
                arrived = event.starts_at + timedelta(minutes=rng.randint(-20, 25))
                services.check_in(registration=registration, by=staff, now=arrived)


def _register(event, user, questions, *, rng, now, guests=None):
    """One member registers at `now`, answering the choice questions and some free ones."""
    if guests is None:
        guests = min(rng.choice([0, 0, 0, 1, 2]), event.max_guests)
    answers = {}
    for question, definition in questions:
        if question.kind == Question.Kind.CHOICE:
            answer = rng.choice(question.choice_list())
        elif rng.random() < 0.3:
            answer = rng.choice(definition["answers"])
        else:
            continue
        answers[str(question.pk)] = {"question": question.label, "answer": answer}
    registration = services.register(
        event=event, user=user, guests=guests, answers=answers, now=now
    )
    # The registration happened at `now`, not when the demo was seeded.
    Registration.objects.filter(pk=registration.pk).update(created_at=now)
    return registration


def _audience(event, definition, *, rng, exclude):
    """Members who would come: the space's members, or those who share the interests
    (English speakers for an English event), in a fixed random order."""
    exclude = exclude | set(
        User.objects.filter(email__in=PARTNER_EMAILS).values_list("pk", flat=True)
    )
    profiles = Profile.objects.filter(user__is_active=True).exclude(user_id__in=exclude)
    if event.audience == Event.Audience.SPACE:
        members = Membership.objects.filter(space=event.space, state=Membership.State.ACTIVE)
        profiles = profiles.filter(user_id__in=members.values("user_id"))
    elif event.audience == Event.Audience.TIERS:
        members = TierMembership.objects.active().filter(tier__in=event.tiers.all())
        profiles = profiles.filter(user_id__in=members.values("user_id"))
    else:
        profiles = profiles.filter(interests__name__in=definition["interests"]).distinct()
    users = [
        profile.user
        for profile in profiles.select_related("user").order_by("pk")
        if event.language == "fr" or "en" in profile.languages
    ]
    rng.shuffle(users)
    return users
