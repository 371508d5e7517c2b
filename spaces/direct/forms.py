from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import ModelMultipleChoiceField
from members.models import Profile


class NewConversationForm(forms.Form):
    recipients = ModelMultipleChoiceField(
        label=_("To"),
        queryset=Profile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Up to 9 members."),
    )
    body = forms.CharField(
        label=_("Message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = candidates
        self.fields["recipients"].label_from_instance = lambda profile: profile.name
