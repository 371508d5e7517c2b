"""What the attendee receives by email around an event, and what they tell us after it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class SentReminder(models.Model):
    """One email of one kind, sent once to one registration: the row is the proof, and its
    uniqueness is what makes the reminder task safe to run twice."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation")
        DAY_BEFORE = "day_before", _("Reminder, the day before")
        HOUR_BEFORE = "hour_before", _("Reminder, one hour before")
        FOLLOW_UP = "follow_up", _("Follow-up, with the feedback form")

    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="sent_reminders"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="one_reminder_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.registration}"


class Feedback(models.Model):
    """An attendee's word on an event they came to: a rating and a comment."""

    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("From 1 (poor) to 5 (excellent)."),
    )
    comment = models.TextField(_("comment"), max_length=5000, blank=True)
    would_recommend = models.BooleanField(_("I would recommend it"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.registration} · {self.rating}/5"
