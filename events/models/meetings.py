"""One-to-one meetings between attendees of an event: requested, then accepted or declined.

An accepted meeting is in both agendas; a member's accepted meetings never overlap
(services.meetings checks it under a lock)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class MeetingQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=Meeting.Status.ACCEPTED)

    def involving(self, user):
        return self.filter(Q(requester=user) | Q(invitee=user))


class Meeting(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="meetings")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meetings_requested"
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meetings_invited"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    message = models.CharField(_("message"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["requester", "status"]),
            models.Index(fields=["invitee", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("invitee")), name="meeting_with_someone_else"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after"
            ),
        ]

    def __str__(self):
        return f"{self.requester} ↔ {self.invitee} · {self.event}"

    def other(self, user):
        return self.invitee if user.pk == self.requester_id else self.requester
