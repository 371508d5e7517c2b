"""A meeting request between two attendees."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.services import meetings as services


class MeetingRequestForm(forms.Form):
    invitee = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    starts_at = forms.CharField(label=gettext_lazy("When"), max_length=64)
    message = forms.CharField(
        label=gettext_lazy("Message (optional)"),
        max_length=services.MESSAGE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_starts_at(self):
        try:
            moment = datetime.fromisoformat(self.cleaned_data["starts_at"])
        except ValueError:
            raise forms.ValidationError(_("Choose one of the event's meeting times.")) from None
        if timezone.is_naive(moment):
            raise forms.ValidationError(_("Choose one of the event's meeting times."))
        return moment
