"""The live page's forms: a question to the speakers, and staff's new poll."""

from django import forms
from django.utils.translation import gettext_lazy


class LiveQuestionForm(forms.Form):
    """The text as typed; events.services.live.ask_question says what is too short or
    too long once spaces are folded, with the same words on the page and on a socket."""

    body = forms.CharField(
        label=gettext_lazy("Your question"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
    )


class PollForm(forms.Form):
    question = forms.CharField(label=gettext_lazy("Poll question"), max_length=300)
    choices = forms.CharField(
        label=gettext_lazy("Choices"),
        help_text=gettext_lazy("One per line, between 2 and 10."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
