"""Private conversations between members, and blocks."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.urls import cached_reverse


class Conversation(models.Model):
    """A private conversation between two to ten members. Staff cannot read it; only a
    reported message reaches the moderation queue."""

    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at"]

    def __str__(self):
        return f"conversation #{self.pk}"

    def get_absolute_url(self):
        return cached_reverse("direct:conversation", self.pk)


class Participant(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations"
    )
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conversation participant")
        verbose_name_plural = _("conversation participants")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_seat_per_member")
        ]

    def __str__(self):
        return f"{self.user_id} in {self.conversation_id}"


class DirectMessage(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=2000)
    client_id = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("direct message")
        verbose_name_plural = _("direct messages")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["conversation", "-id"]),
            # Unread conversations (the badge on every page): a message after last_read_at.
            models.Index(fields=["conversation", "created_at"], name="direct_message_unread"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_id"],
                condition=~Q(client_id=""),
                name="one_direct_message_per_client_id",
            )
        ]

    def __str__(self):
        return f"#{self.pk} in conversation {self.conversation_id}"


class Block(models.Model):
    """A member who blocks another: no private message either way."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocked_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="no_self_block"),
        ]

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"
