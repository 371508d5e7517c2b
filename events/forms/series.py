"""Staff repeat an event: the series' frequency and number of dates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Series
from events.services.series import MAX_OCCURRENCES


class RepeatForm(forms.Form):
    """Staff: make more dates of an event."""

    frequency = forms.ChoiceField(label=_("Repeat"), choices=Series.Frequency.choices)
    count = forms.IntegerField(
        label=_("How many more dates"),
        min_value=1,
        max_value=MAX_OCCURRENCES,
        initial=4,
        help_text=_("Each date is an event of its own, with its own registrations."),
    )
