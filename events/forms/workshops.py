"""Workshop tables: staff's new table, and a table's shared notes."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.services import workshops as services


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=gettext_lazy("Shared notes"),
        required=False,
        max_length=services.NOTES_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=gettext_lazy("Markdown: **bold**, *italics*, lists with -, titles with #."),
    )
    base_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class TableForm(forms.Form):
    theme = forms.CharField(label=gettext_lazy("Theme"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Seats"), min_value=1, max_value=500, initial=8
    )
    facilitator_email = forms.EmailField(
        label=gettext_lazy("Facilitator's email address"),
        required=False,
        help_text=gettext_lazy("A registered attendee or staff. Empty: no facilitator yet."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.facilitator = None

    def clean_facilitator_email(self):
        email = self.cleaned_data["facilitator_email"]
        if not email:
            return email
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No member has this email address."))
        if not (user.is_staff or self.event.registrations.confirmed().filter(user=user).exists()):
            raise forms.ValidationError(
                _("The facilitator must be a registered attendee of this event, or staff.")
            )
        self.facilitator = user
        return email
