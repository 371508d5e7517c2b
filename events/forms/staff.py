"""Staff at the door: registering a member, finding a ticket."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class StaffRegistrationForm(forms.Form):
    email = forms.EmailField(label=_("Member's email address"))
    guests = forms.IntegerField(label=_("Guests"), min_value=0, initial=0)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No member has this email address."))
        self.member = user
        return email


class CheckInSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Ticket code or name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )
