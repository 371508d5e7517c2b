"""Live interaction during an event: questions to the speakers, and polls."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LiveQuestion(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        HIDDEN = "hidden", _("Hidden")

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="live_questions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_questions"
    )
    body = models.CharField(_("question"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    votes = models.PositiveIntegerField(_("votes"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("live question")
        verbose_name_plural = _("live questions")
        ordering = ["-votes", "created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return self.body[:80]


class LiveQuestionVote(models.Model):
    question = models.ForeignKey(LiveQuestion, on_delete=models.CASCADE, related_name="upvotes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("live question vote")
        verbose_name_plural = _("live question votes")
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="one_upvote_per_member")
        ]

    def __str__(self):
        return f"{self.user} ↑ {self.question}"


class Poll(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Not opened yet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="polls")
    question = models.CharField(_("question"), max_length=300)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.question


class PollChoice(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("choice"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class PollVote(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    choice = models.ForeignKey(PollChoice, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="one_vote_per_poll")]

    def __str__(self):
        return f"{self.user} → {self.choice}"
