"""A space's live chat: messages and who is here."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spaces.models.spaces import Space


class ChatMessage(models.Model):
    """A live chat message in a space. Its id orders the conversation; a client's own id
    (client_id) lets a reconnecting client resend without duplicating."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="chat_messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=2000)
    client_id = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        ordering = ["pk"]
        indexes = [models.Index(fields=["space", "-id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_id"],
                condition=~Q(client_id=""),
                name="one_chat_message_per_client_id",
            )
        ]

    def __str__(self):
        return f"#{self.pk} in {self.space_id}"


class ChatPresence(models.Model):
    """One open chat page: who is here now, across every web process."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("chat presence")
        verbose_name_plural = _("chat presences")
        indexes = [models.Index(fields=["space", "seen_at"])]

    def __str__(self):
        return f"{self.user_id} in {self.space_id}"
