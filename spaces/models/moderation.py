"""Reports and what moderators did about them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spaces.models.posts import Reply, Thread
from spaces.models.spaces import Space


class Report(models.Model):
    """A member's report of a post or chat message to the space's moderators."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        HARASSMENT = "harassment", _("Harassment or hate")
        PRIVACY = "privacy", _("Personal information shared without consent")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    chat_message = models.ForeignKey(
        "ChatMessage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    direct_message = models.ForeignKey(
        "DirectMessage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(thread__isnull=False, reply__isnull=True, chat_message__isnull=True)
                    & Q(direct_message__isnull=True)
                    | Q(thread__isnull=True, reply__isnull=False, chat_message__isnull=True)
                    & Q(direct_message__isnull=True)
                    | Q(thread__isnull=True, reply__isnull=True, chat_message__isnull=False)
                    & Q(direct_message__isnull=True)
                    | Q(thread__isnull=True, reply__isnull=True, chat_message__isnull=True)
                    & Q(direct_message__isnull=False, space__isnull=True)
                ),
                name="report_on_one_item",
            )
        ]

    def __str__(self):
        return f"report #{self.pk} in {self.space_id}"

    @property
    def item(self):
        return self.thread or self.reply or self.chat_message or self.direct_message

    @property
    def is_open(self):
        return self.resolved_at is None


class ModerationAction(models.Model):
    """What a moderator did, to whom or what, when and why: the space's moderation record."""

    class Kind(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        DISMISS = "dismiss", _("Report dismissed")
        MUTE = "mute", _("Muted")
        UNMUTE = "unmute", _("Unmuted")
        REMOVE = "remove", _("Removed from the space")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="moderation_actions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.CharField(max_length=300, blank=True)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} in {self.space_id}"
