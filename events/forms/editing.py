"""Staff's event form on the site: times are typed as read on a clock where the event
happens (its time zone), whatever the zone of the staff member typing them."""

import zoneinfo
from datetime import UTC, datetime

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from common.forms import DateTimeField, ModelMultipleChoiceField
from common.images import validate_image
from events.models import DEFAULT_TIME_ZONE, Event, Question
from members.forms import limit_tags, reject_markup
from members.models import MembershipTier
from spaces.models import Space

# The zones of Canada first (where our nonprofits meet), then a few for partners abroad.
TIME_ZONES = [
    ("America/Toronto", _("Eastern time (Montréal, Toronto)")),
    ("America/Halifax", _("Atlantic time (Halifax, Gaspé islands)")),
    ("America/St_Johns", _("Newfoundland time (St. John's)")),
    ("America/Winnipeg", _("Central time (Winnipeg)")),
    ("America/Regina", _("Saskatchewan (Regina)")),
    ("America/Edmonton", _("Mountain time (Edmonton, Calgary)")),
    ("America/Vancouver", _("Pacific time (Vancouver)")),
    ("America/New_York", _("New York")),
    ("Europe/Paris", _("Paris, Brussels")),
    ("Africa/Abidjan", _("Abidjan, Dakar")),
    ("UTC", _("UTC")),
]
WALL_CLOCK_FIELDS = ["starts_at", "ends_at", "registration_opens_at", "registration_closes_at"]


def checked_cover(cover):
    """A new cover upload is checked by its content; the stored cover is kept as it is.
    Saving re-encodes it (events.services.editing.store_cover)."""
    if isinstance(cover, UploadedFile):
        validate_image(cover)
    return cover


class WallClockDateTimeField(DateTimeField):
    """A date and time with no zone: EventForm.clean() places it in the event's zone. Its
    year is checked first (common.forms): year 9999 in Montréal is year 10000 in UTC."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        # Parsed as UTC, which has no gap nor repeated hour, then read back as a plain
        # wall-clock time: the staff member's own zone plays no part.
        with timezone.override(UTC):
            result = super().to_python(value)
        return None if result is None else timezone.make_naive(result, UTC)


class EventForm(forms.ModelForm):
    interests = TagField(
        label=_("Interests"),
        required=False,
        help_text=_(
            "Subjects of the event, separated by commas: members who share them see it recommended."
        ),
    )
    online_url = Event._meta.get_field("online_url").formfield(assume_scheme="https")
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIME_ZONES,
        initial=DEFAULT_TIME_ZONE,
        help_text=_("Where the event happens: type the times as read on a clock there."),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "language",
            "description",
            "interests",
            "cover",
            "format",
            "venue",
            "address",
            "online_url",
            "starts_at",
            "ends_at",
            "time_zone",
            "audience",
            "space",
            "tiers",
            "capacity",
            "max_guests",
            "registration_opens_at",
            "registration_closes_at",
            "meetings_enabled",
            "meeting_minutes",
            "is_published",
        ]
        field_classes = {
            **dict.fromkeys(WALL_CLOCK_FIELDS, WallClockDateTimeField),
            "tiers": ModelMultipleChoiceField,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "format": forms.RadioSelect,
            "audience": forms.RadioSelect,
            "tiers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].validators.append(reject_markup)
        self.fields["space"].queryset = Space.objects.filter(is_archived=False).order_by("name")
        self.fields["tiers"].queryset = MembershipTier.objects.order_by("name")
        event = self.instance
        if event.pk:
            if event.time_zone not in dict(TIME_ZONES):
                self.fields["time_zone"].choices = [
                    *TIME_ZONES,
                    (event.time_zone, event.time_zone),
                ]
            for name in WALL_CLOCK_FIELDS:
                moment = getattr(event, name)
                if moment is not None:
                    self.initial[name] = moment.astimezone(event.zone).replace(tzinfo=None)

    def clean_interests(self):
        tags = self.cleaned_data.get("interests") or []
        limit_tags(tags)
        return tags

    def clean_cover(self):
        return checked_cover(self.cleaned_data.get("cover"))

    def clean(self):
        data = super().clean()
        zone = zoneinfo.ZoneInfo(data.get("time_zone") or DEFAULT_TIME_ZONE)
        for name in WALL_CLOCK_FIELDS:
            moment = data.get(name)
            if isinstance(moment, datetime) and timezone.is_naive(moment):
                aware = self._in_zone(name, moment, zone)
                if aware is not None:
                    data[name] = aware
        if data.get("audience") == Event.Audience.TIERS and not data.get("tiers"):
            self.add_error("tiers", _("Choose the membership tiers invited."))
        return data

    def _in_zone(self, name, moment, zone):
        aware = moment.replace(tzinfo=zone)
        if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != moment:
            self.add_error(
                name,
                _("This time does not exist there: the clocks jump forward at that hour."),
            )
            return None
        return aware


class RegistrationQuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["label", "kind", "choices", "required", "position"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}


QuestionFormSet = inlineformset_factory(
    Event,
    Question,
    form=RegistrationQuestionForm,
    extra=2,
    max_num=20,
    validate_max=True,
    can_delete=True,
)
