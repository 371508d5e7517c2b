"""The members' event pages: the list's filters and the registration form."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from events import queries
from events.models import Event, Question, TaggedEventInterest
from members.models import Interest


class RegistrationForm(forms.Form):
    """Guests, listing, and the event's own questions (fields named question_<id>)."""

    is_listed = forms.BooleanField(
        label=_("Show my name to the other attendees"), required=False, initial=True
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event.max_guests:
            self.fields["guests"] = forms.IntegerField(
                label=_("Guests coming with you"),
                min_value=0,
                max_value=event.max_guests,
                initial=0,
                help_text=_("At most %(count)s.") % {"count": event.max_guests},
            )
        for question in event.questions.all():
            name = f"question_{question.pk}"
            if question.kind == Question.Kind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=question.label,
                    required=question.required,
                    choices=[("", "—")] + [(c, c) for c in question.choice_list()],
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.label,
                    required=question.required,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
        self.order_fields(["guests"])

    def answers(self):
        """{question label: answer}, as the registration keeps them."""
        answers = {}
        for question in self.event.questions.all():
            value = self.cleaned_data.get(f"question_{question.pk}")
            if value:
                answers[str(question.pk)] = {"question": question.label, "answer": value}
        return answers


class _Offered(forms.models.ModelChoiceIterator):
    """The choices the field was given (`offered`: [(slug, name)], events.queries.
    interest_choices, kept in the cache) rather than read from its queryset; the queryset
    still validates what is submitted."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.field.offered

    def __len__(self):
        return len(self.field.offered) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.offered)


class _InterestField(forms.ModelChoiceField):
    iterator = _Offered
    offered = ()


class EventFilterForm(forms.Form):
    interest = _InterestField(
        label=_("Interest"),
        # What may be chosen (validation); what is offered: events.queries.interest_choices.
        queryset=Interest.objects.filter(
            Exists(TaggedEventInterest.objects.filter(tag=OuterRef("pk")))
        ).order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All interests"),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("All formats"))] + list(Event.Format.choices),
        required=False,
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, offered=None, **kwargs):
        """`offered`: the interests the filter offers (events.queries.interest_choices),
        read here unless given."""
        super().__init__(*args, **kwargs)
        self.fields["interest"].offered = queries.interest_choices() if offered is None else offered

    def kept_key(self):
        """What the printed filters depend on besides the language (common's
        {% filter_fields %})."""
        return tuple(self.fields["interest"].offered)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end date comes after the start date."))
        return data
