"""Workshop tables: choosing a table, leaving it, writing the table's shared notes.

Seats are counted under a lock on the event's row (SELECT ... FOR UPDATE on PostgreSQL;
SQLite serializes writers), so two attendees racing for a table's last seat never both get
it. Notes use optimistic concurrency: a save names the version it started from, and a save
based on an older version is refused with the current text, so nobody overwrites a
colleague's words without seeing them. Every saved version is kept as a revision.
"""

from django.db import transaction
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import analytics
from events import permissions
from events.models import Event, Registration, TableNotesRevision, TableSeat, WorkshopTable
from events.services.refusal import Refused

NOTES_MAX_LENGTH = 50000


class WorkshopRefused(Refused):
    """An action on a table that cannot be done, with the reason the member reads.

    A refused save of notes carries the text saved meanwhile (`current_notes`, at
    `current_version`) so the page can show it beside what the member wrote."""

    def __init__(self, message, *, current_notes=None, current_version=None):
        super().__init__(message)
        self.current_notes = current_notes
        self.current_version = current_version


def occupied(seats):
    """Seats whose attendee's registration is still confirmed: a cancelled registration
    frees its seat at the table."""
    confirmed = Registration.objects.confirmed().filter(
        event_id=OuterRef("event_id"), user_id=OuterRef("user_id")
    )
    return seats.filter(Exists(confirmed))


def with_seats_taken(tables):
    """Tables annotated with `seats_taken`, in the same query."""
    taken = (
        occupied(TableSeat.objects.filter(table=OuterRef("pk")))
        .values("table")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return tables.annotate(
        seats_taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0))
    )


def add_table(*, event, theme, by, description="", capacity=8, facilitator=None):
    """A new table at the end of the event's list."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        last = locked.workshop_tables.aggregate(last=Max("position"))["last"]
        table = WorkshopTable.objects.create(
            event=locked,
            theme=theme,
            description=description,
            capacity=capacity,
            facilitator=facilitator,
            position=0 if last is None else last + 1,
        )
        analytics.record(by, "event.table_added", table, context=locked)
    return table


def choose_table(*, table, user, now=None):
    """Seat a confirmed attendee at a table; one table per attendee, so choosing another
    moves them. Choosing one's own table again changes nothing.

    Raises WorkshopRefused (not registered, the table's facilitator, table full, event
    over). Returns (seat, changed).
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=table.event_id)
        table = WorkshopTable.objects.get(pk=table.pk)
        if event.is_past(now):
            raise WorkshopRefused(_("This event is over: the tables stay as they were."))
        if not event.registrations.confirmed().filter(user=user).exists():
            raise WorkshopRefused(_("Only registered attendees choose a table."))
        facilitated = event.workshop_tables.filter(facilitator=user).first()
        if facilitated is not None:
            raise WorkshopRefused(
                _("You facilitate the table “%(theme)s”: you do not take a seat.")
                % {"theme": facilitated.theme}
            )
        seat = TableSeat.objects.filter(event=event, user=user).first()
        if seat is not None and seat.table_id == table.pk:
            return seat, False
        taken = occupied(table.seats.all()).count()
        if taken >= table.capacity:
            raise WorkshopRefused(
                _("The table “%(theme)s” is full. Choose another one.") % {"theme": table.theme}
            )
        moved_from = seat.table_id if seat is not None else None
        if seat is None:
            seat = TableSeat.objects.create(event=event, table=table, user=user)
        else:
            seat.table = table
            seat.save(update_fields=["table"])
        analytics.record(
            user,
            "event.table_joined",
            table,
            context=event,
            data={"moved_from": moved_from} if moved_from else {},
        )
    return seat, True


def leave_table(*, event, user, now=None):
    """Give up one's seat. Returns the table left, or None if the attendee had none."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        seat = TableSeat.objects.select_related("table").filter(event=event, user=user).first()
        if seat is None:
            return None
        if event.is_past(now):
            raise WorkshopRefused(_("This event is over: the tables stay as they were."))
        table = seat.table
        seat.delete()
        analytics.record(user, "event.table_left", table, context=event)
    return table


def save_notes(*, table, user, notes, base_version, now=None):
    """Save a table's notes written from version `base_version`.

    Guarantees: a save based on an older version than the current one is refused with
    WorkshopRefused carrying the current notes (nothing is overwritten unseen, nothing
    typed is lost: the caller still has `notes`); every saved version becomes a
    TableNotesRevision; saving the same text again changes nothing.
    Returns (table, changed).
    """
    now = now or timezone.now()
    notes = (notes or "").replace("\r\n", "\n")
    if len(notes) > NOTES_MAX_LENGTH:
        raise WorkshopRefused(
            _("The notes may be at most %(count)s characters long.") % {"count": NOTES_MAX_LENGTH}
        )
    with transaction.atomic():
        locked = WorkshopTable.objects.select_for_update().select_related("event").get(pk=table.pk)
        if not permissions.can_edit_notes(user, locked, now):
            raise WorkshopRefused(_("You may not edit these notes."))
        if base_version != locked.notes_version:
            raise WorkshopRefused(
                _(
                    "Someone saved these notes while you were writing. Your text is below, "
                    "beside the saved one: merge them and save again."
                ),
                current_notes=locked.notes,
                current_version=locked.notes_version,
            )
        if notes == locked.notes:
            return locked, False
        locked.notes = notes
        locked.notes_version += 1
        locked.notes_updated_at = now
        locked.notes_updated_by = user
        locked.save(
            update_fields=["notes", "notes_version", "notes_updated_at", "notes_updated_by"]
        )
        TableNotesRevision.objects.create(
            table=locked, version=locked.notes_version, notes=notes, author=user
        )
        analytics.record(
            user,
            "event.table_notes_saved",
            locked,
            context=locked.event,
            data={"version": locked.notes_version},
        )
    return locked, True


def seated_table(event, user):
    """The table where the attendee sits at this event, or None."""
    if not user.is_authenticated:
        return None
    seat = occupied(TableSeat.objects.filter(event=event, user=user)).first()
    return seat.table_id if seat else None


__all__ = [
    "NOTES_MAX_LENGTH",
    "WorkshopRefused",
    "add_table",
    "choose_table",
    "leave_table",
    "occupied",
    "save_notes",
    "seated_table",
    "with_seats_taken",
]
