from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something a member should know: who did what, with a link. Any app's activity can
    become one; the text is composed in the reader's language when shown."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verb = models.CharField(max_length=60)
    title = models.CharField(max_length=200, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500)
    # What the notification is about (the activity's target): what it says is shown only
    # while the recipient may still read that (see community.notifications).
    target_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"]),
            # A member's notifications in their order, with nothing left to sort: one plan
            # for a member with 5 or 2,000 of them (community.views._NOTIFICATIONS_PAGE).
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_order"),
        ]

    def __str__(self):
        return f"{self.verb} for {self.recipient_id}"

    @property
    def is_read(self):
        return self.read_at is not None


class NotificationSettings(models.Model):
    """Which notifications a member also receives by email."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_replies = models.BooleanField(_("replies to my discussions"), default=True)
    email_mentions = models.BooleanField(_("mentions of me"), default=True)
    email_answers = models.BooleanField(_("my answers accepted"), default=True)
    email_spaces = models.BooleanField(_("invitations and requests to join spaces"), default=True)
    email_events = models.BooleanField(
        _("events: seats freed, registrations made for me"), default=True
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"settings of {self.user_id}"
