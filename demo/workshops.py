"""Demo workshop tables (demo/data/workshops.toml): the past workshop on boards of
directors and the past grant-writing webinar keep their tables' notes (a few versions
each), the upcoming housing forum has its discussion tables ready, people already
seated, no notes yet.

``seed_demo_workshops()`` is idempotent: an event that already has tables is left as it is.
Seats and notes go through events.services.workshops, at moments around each event, as
the attendees' own would have.
"""

from datetime import timedelta

from django.db import transaction

from demo.data import load
from demo.members import MEMBER_EMAIL, STAFF_EMAIL
from events.models import Event, TableNotesRevision, TableSeat
from events.services import workshops as services
from members.models import User

PLANS = load("workshops")["plans"]


def seed_demo_workshops(*, log=print):
    """Add the demo tables to the demo events. Idempotent: events with tables are skipped."""
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        log("Demo workshop tables skipped: seed the demo members first.")
        return 0
    added = 0
    with transaction.atomic():
        for plan in PLANS:
            event = Event.objects.filter(slug=plan["slug"]).first()
            if event is None or event.workshop_tables.exists():
                continue
            _seed_event(event, plan, staff=staff)
            added += 1
    log(f"Demo workshop tables: {added} events given tables, {len(PLANS) - added} skipped.")
    return added


def _seed_event(event, plan, *, staff):
    """Facilitators first among the attendees, then the others sit, a table at a time."""
    attendees = list(
        User.objects.filter(
            event_registrations__event=event, event_registrations__status="confirmed"
        )
        .exclude(email=MEMBER_EMAIL)  # the demo member chooses for themself
        .order_by("event_registrations__created_at", "pk")
    )
    facilitators, others = attendees[: len(plan["tables"])], attendees[len(plan["tables"]) :]
    others = others[: int(len(others) * plan.get("seated_share", 1))]
    before = event.starts_at - timedelta(days=1)
    tables = []
    for index, definition in enumerate(plan["tables"]):
        facilitator = facilitators[index] if index < len(facilitators) else None
        table = services.add_table(
            event=event,
            theme=definition["theme"],
            description=definition["description"],
            capacity=definition["capacity"],
            facilitator=facilitator,
            by=staff,
        )
        tables.append((table, definition))
    for number, user in enumerate(others):
        table, _definition = tables[number % len(tables)]
        if services.occupied(table.seats.all()).count() < table.capacity:
            services.choose_table(table=table, user=user, now=before)
    for table, definition in tables:
        _write_notes(event, table, definition.get("notes", []))


def _write_notes(event, table, versions):
    """Each version saved by the facilitator or one of the table's people, during the event
    and just after it."""
    seated = list(
        TableSeat.objects.filter(table=table).order_by("created_at", "pk").select_related("user")
    )
    writers = [table.facilitator] if table.facilitator else []
    writers += [seat.user for seat in seated[:2]]
    duration = event.ends_at - event.starts_at
    for version, notes in enumerate(versions):
        if not writers:
            return
        moment = event.starts_at + duration * (version + 1) / (len(versions) + 1)
        services.save_notes(
            table=table,
            user=writers[version % len(writers)],
            notes=notes,
            base_version=version,
            now=moment,
        )
        TableNotesRevision.objects.filter(table=table, version=version + 1).update(
            created_at=moment
        )
