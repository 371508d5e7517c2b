"""Workshop tables: the event's tables and who sits where, choosing a seat, and each
table's shared notes with their history."""

from collections import namedtuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.markdown import render_markdown
from common.prepared import ID, ID_LIST, VIEWER, Prepared
from common.ratelimit import rate_limited
from events import permissions
from events.forms.workshops import NotesForm, TableForm
from events.models import Registration, TableSeat, WorkshopTable
from events.queries import person_columns
from events.services import workshops as services
from events.views._common import my_registration, viewable_event
from members.models import Profile
from members.permissions import listed_profiles

REVISIONS_SHOWN = 30


def _event_table(event, pk):
    table = get_object_or_404(
        WorkshopTable.objects.select_related("facilitator__profile", "notes_updated_by__profile"),
        event=event,
        pk=pk,
    )
    table.event = event
    return table


# A seat as the tables page reads it: whose, whether their registration is listed and their
# profile visible to the viewer, and their name (members.models.Profile.name).
Seat = namedtuple("Seat", "table_id user_id listed visible name")


def _tables_of(event, viewer):
    """The event's tables with their seated people and seats taken, in two queries however
    many tables and seats. A person's name shows if their registration is listed and their
    profile is visible to the viewer; staff see everyone. Read are the columns the page
    shows, and the occupied seats (services.occupied) once: grouped by table here, they are
    its people and its seats taken. Prefetched, whole, and counted again in a subquery
    (services.with_seats_taken), they cost some 10,000 Python calls more; and read as
    models (a seat, its account and profile) some 80 a seat more than as rows."""
    tables = _TABLES(event=event.pk)
    if not tables:
        return tables
    seats = _SEATS(viewer=viewer, tables=[table.pk for table in tables])
    people = {table.pk: [] for table in tables}
    for table_id, user_id, listed, visible, display_name, email in seats:
        name = Profile.name_from(display_name, email)
        people[table_id].append(Seat(table_id, user_id, listed, visible, name))
    for table in tables:
        table.people = people[table.pk]
        table.seats_taken = len(table.people)
    return tables


# The two queries of _tables_of, compiled once per process (common.prepared); the seats'
# once per kind of viewer (the listing rule differs for staff).
_TABLES = Prepared(
    lambda event: WorkshopTable.objects.filter(event=event)
    .select_related("facilitator__profile")
    .only(
        "event", "theme", "description", "capacity", "position", "facilitator",
        *person_columns("facilitator"),
    ),
    event=ID,
)  # fmt: skip


def _seats(viewer, tables):
    listed = Registration.objects.confirmed().filter(
        event_id=OuterRef("event_id"), user_id=OuterRef("user_id"), is_listed=True
    )
    visible = listed_profiles(viewer, Profile.objects.all()).filter(user_id=OuterRef("user_id"))
    return (
        services.occupied(TableSeat.objects.filter(table_id__in=tables))
        .annotate(listed=Exists(listed), visible=Exists(visible))
        .order_by("created_at", "pk")
        .values_list(
            "table_id", "user_id", "listed", "visible", "user__profile__display_name", "user__email"
        )
    )


_SEATS = Prepared(_seats, viewer=VIEWER, tables=ID_LIST)


def _render_tables(request, event, form=None, status=200):
    viewer = request.user
    staff = permissions.is_staff(viewer)
    tables = _tables_of(event, viewer)
    permissions.check_tables_page_permission(viewer, event, has_tables=bool(tables))
    registration = my_registration(viewer, event)
    attendee = registration is not None and registration.is_confirmed
    # services.seated_table, from the seats read with the tables (occupied ones).
    seated = next(
        (t.pk for t in tables for seat in t.people if seat.user_id == viewer.pk),
        None,
    )
    past = event.is_past()
    for table in tables:
        table.shown = [seat for seat in table.people if staff or (seat.listed and seat.visible)]
        table.unnamed = len(table.people) - len(table.shown)
        table.seats_left = max(table.capacity - table.seats_taken, 0)
        table.is_mine = table.pk == seated
        table.facilitated_by_me = viewer.is_authenticated and table.facilitator_id == viewer.pk
        # The same rule as permissions.can_read_notes, without a query per table.
        table.readable = staff or table.is_mine or table.facilitated_by_me or (past and attendee)
    facilitates = any(table.facilitated_by_me for table in tables)
    return render(
        request,
        "events/workshops/tables.html",
        {
            "event": event,
            "tables": tables,
            "registration": registration,
            "can_choose": attendee and not past and not facilitates,
            "seated": seated,
            "past": past,
            "is_staff": staff,
            "form": form if form is not None else (TableForm(event=event) if staff else None),
        },
        status=status,
    )


def tables(request, slug):
    """Anyone who may see the event (a 404 while it has no tables, but for staff): the
    tables, their facilitators, seats left and who sits there; choosing for attendees."""
    event = viewable_event(request, slug)
    return _render_tables(request, event)


@login_required
@require_POST
@rate_limited("staff_action")
def add_table(request, slug):
    """Staff: a new table for the event."""
    event = viewable_event(request, slug)
    permissions.check_manage_tables_permission(request.user, event)
    form = TableForm(request.POST, event=event)
    if not form.is_valid():
        return _render_tables(request, event, form=form, status=400)
    table = services.add_table(
        event=event,
        theme=form.cleaned_data["theme"],
        description=form.cleaned_data["description"],
        capacity=form.cleaned_data["capacity"],
        facilitator=form.facilitator,
        by=request.user,
    )
    messages.success(request, _("The table “%(theme)s” is added.") % {"theme": table.theme})
    return redirect("events:tables", slug=event.slug)


@login_required
@require_POST
@rate_limited("table_seat")
def choose(request, slug, pk):
    """Attendees with a confirmed registration: sit at this table (moving from another)."""
    event = viewable_event(request, slug)
    table = _event_table(event, pk)
    try:
        _seat, changed = services.choose_table(table=table, user=request.user)
    except services.WorkshopRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("events:tables", slug=event.slug)
    if changed:
        messages.success(request, _("You sit at the table “%(theme)s”.") % {"theme": table.theme})
    else:
        messages.info(
            request, _("You already sit at the table “%(theme)s”.") % {"theme": table.theme}
        )
    return redirect("events:tables", slug=event.slug)


@login_required
@require_POST
@rate_limited("table_seat")
def leave(request, slug):
    """The seated attendee: give up their seat."""
    event = viewable_event(request, slug)
    try:
        table = services.leave_table(event=event, user=request.user)
    except services.WorkshopRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("events:tables", slug=event.slug)
    if table is None:
        messages.info(request, _("You had no seat at a table."))
    else:
        messages.success(request, _("You left the table “%(theme)s”.") % {"theme": table.theme})
    return redirect("events:tables", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("table_notes")
def table(request, slug, pk):
    """The table's participants, facilitator and staff; once the event is over, every
    attendee (the notes are its record). Editing: see permissions.can_edit_notes."""
    event = viewable_event(request, slug)
    table = _event_table(event, pk)
    # Asked once: each rule below depends on it.
    participant = not permissions.is_staff(request.user) and permissions.is_table_participant(
        request.user, table
    )
    permissions.check_read_notes_permission(request.user, table, participant=participant)
    can_edit = permissions.can_edit_notes(request.user, table, participant=participant)
    form, conflict, status = None, None, 200
    if request.method == "POST":
        permissions.check_edit_notes_permission(request.user, table, participant=participant)
        form = NotesForm(request.POST)
        if form.is_valid():
            try:
                services.save_notes(
                    table=table,
                    user=request.user,
                    notes=form.cleaned_data["notes"],
                    base_version=form.cleaned_data["base_version"],
                )
            except services.WorkshopRefused as refusal:
                form, conflict, status = _refused_notes(request, table, form, refusal)
            else:
                messages.success(request, _("The notes are saved."))
                return redirect("events:table", slug=event.slug, pk=table.pk)
        else:
            status = 400
    elif can_edit:
        form = NotesForm(initial={"notes": table.notes, "base_version": table.notes_version})
    revisions = None
    if permissions.can_see_revisions(request.user, table, participant=participant):
        revisions = table.revisions.select_related("author__profile")[:REVISIONS_SHOWN]
    return render(
        request,
        "events/workshops/table.html",
        {
            "event": event,
            "table": table,
            "notes": render_markdown(table.notes),
            "form": form,
            "conflict": conflict,
            "revisions": revisions,
            "notes_open": permissions.notes_are_open(table),
            "closes_at": table.event.ends_at + permissions.NOTES_EDIT_WINDOW,
            "is_staff": permissions.is_staff(request.user),
        },
        status=status,
    )


def _refused_notes(request, table, form, refusal):
    """A save refused: the member's text stays in the form. When someone saved meanwhile,
    the form is now based on their version, and the page shows both texts."""
    if refusal.current_version is None:
        messages.error(request, refusal.message)
        return form, None, 400
    table.refresh_from_db()
    form = NotesForm({"notes": form.cleaned_data["notes"], "base_version": table.notes_version})
    return form, refusal, 409
