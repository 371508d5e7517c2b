"""Workshop tables: themed groups inside an event, each with a facilitator, a capacity
and shared notes that stay as the record of the table."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkshopTable(models.Model):
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="workshop_tables"
    )
    theme = models.CharField(_("theme"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    capacity = models.PositiveSmallIntegerField(_("seats"), default=8)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_tables",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    notes = models.TextField(_("shared notes"), max_length=50000, blank=True)
    notes_version = models.PositiveIntegerField(default=0, editable=False)
    notes_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    notes_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("workshop table")
        verbose_name_plural = _("workshop tables")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.theme


class TableSeat(models.Model):
    """An attendee's place at one table; one table per attendee and event."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    table = models.ForeignKey(WorkshopTable, on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="table_seats"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("seat at a table")
        verbose_name_plural = _("seats at tables")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_table_per_attendee")
        ]

    def __str__(self):
        return f"{self.user} · {self.table}"


class TableNotesRevision(models.Model):
    """Each saved version of a table's notes: nothing written is ever lost."""

    table = models.ForeignKey(WorkshopTable, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    notes = models.TextField(max_length=50000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("notes revision")
        verbose_name_plural = _("notes revisions")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["table", "version"], name="one_revision_per_version")
        ]

    def __str__(self):
        return f"{self.table} v{self.version}"
