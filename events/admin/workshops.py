"""Staff enter workshop tables here. Seats and notes are read here: attendees choose their
table and write the notes on the site, through events.services.workshops, which keeps the
capacity, the versions and the activity log in step."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from common.admin import ModelAdmin, TabularInline
from common.markdown import render_markdown
from events.models import TableNotesRevision, TableSeat, WorkshopTable
from events.services.workshops import with_seats_taken


class WorkshopTableInline(TabularInline):
    """The event's tables, on the event's page of the admin."""

    model = WorkshopTable
    extra = 0
    fields = ["position", "theme", "capacity", "facilitator"]
    autocomplete_fields = ["facilitator"]
    show_change_link = True


class TableSeatInline(TabularInline):
    model = TableSeat
    extra = 0
    fields = ["user", "created_at"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("seated attendees")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False


class TableNotesRevisionInline(TabularInline):
    model = TableNotesRevision
    extra = 0
    fields = ["version", "author", "created_at", "notes"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WorkshopTable)
class WorkshopTableAdmin(ModelAdmin):
    list_display = ["theme", "event", "seats", "facilitator", "notes_version"]
    list_filter = ["event"]
    list_select_related = ["event", "facilitator"]
    search_fields = ["theme", "event__title"]
    ordering = ["-event__starts_at", "position", "pk"]
    autocomplete_fields = ["event", "facilitator"]
    fields = [
        "event",
        "theme",
        "description",
        "capacity",
        "facilitator",
        "position",
        "page",
        "rendered_notes",
        "notes_version",
        "notes_updated_at",
        "notes_updated_by",
    ]
    readonly_fields = [
        "page",
        "rendered_notes",
        "notes_version",
        "notes_updated_at",
        "notes_updated_by",
    ]
    inlines = [TableSeatInline, TableNotesRevisionInline]

    def get_queryset(self, request):
        return with_seats_taken(super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        # Its seats belong to its event: a table does not move to another one.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "event"] if obj is not None else fields

    @admin.display(description=_("seats taken"), ordering="seats_taken")
    def seats(self, table):
        return f"{table.seats_taken} / {table.capacity}"

    @admin.display(description=_("page"))
    def page(self, table):
        if table is None or table.pk is None:
            return "—"
        url = reverse("events:table", args=[table.event.slug, table.pk])
        return format_html('<a href="{}">{}</a>', url, _("Notes on the site (edit them there)"))

    @admin.display(description=_("shared notes"))
    def rendered_notes(self, table):
        if table is None or not table.notes:
            return "—"
        return mark_safe(render_markdown(table.notes))  # noqa: S308 - sanitized by nh3
