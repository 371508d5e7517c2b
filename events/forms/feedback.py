"""The feedback form attendees fill in after an event."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Feedback

RATINGS = [
    (1, _("1 — Poor")),
    (2, _("2 — Fair")),
    (3, _("3 — Good")),
    (4, _("4 — Very good")),
    (5, _("5 — Excellent")),
]


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("How was it?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a rating from 1 to 5."),
            "invalid_choice": _("Choose a rating from 1 to 5."),
        },
    )

    class Meta:
        model = Feedback
        fields = ["rating", "comment", "would_recommend"]
        labels = {
            "comment": _("Your comment (optional)"),
            "would_recommend": _("I would recommend this event to other members"),
        }
        help_texts = {"comment": _("What worked, what could be better.")}
        widgets = {"comment": forms.Textarea(attrs={"rows": 5, "maxlength": 5000})}
