import nh3
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from common import images
from common.forms import KeptModelChoiceField, QuickSelect
from members import queries
from members.models import SPOKEN_LANGUAGES, Interest, Profile, Region, Skill

MAX_TAGS = 20


def reject_markup(value):
    """Plain-text fields stay plain text: markup is refused with a message, never stored."""
    if value and nh3.is_html(value):
        raise ValidationError(
            _("Write plain text here: HTML tags such as <script> are not allowed."),
            code="markup",
        )


def limit_tags(tags):
    if len(tags) > MAX_TAGS:
        raise ValidationError(
            _("Choose at most %(max)s entries.") % {"max": MAX_TAGS}, code="too_many"
        )
    too_long = [tag for tag in tags if len(tag) > 60]
    if too_long:
        raise ValidationError(_("Each entry must be 60 characters or fewer."), code="too_long")
    for tag in tags:
        reject_markup(tag)


class SignupDetailsForm(forms.Form):
    """Fields asked at sign-up beyond email and password (allauth's ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Your name, as members will see it"),
        max_length=80,
        validators=[reject_markup],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        profile = user.profile
        profile.display_name = self.cleaned_data["display_name"]
        profile.save(update_fields=["display_name", "updated_at"])


class ProfileForm(forms.ModelForm):
    avatar_upload = forms.FileField(
        label=_("Avatar"),
        required=False,
        help_text=_("A JPEG, PNG, WebP or GIF image up to 5 MB. It is cropped to a square."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my avatar"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    linkedin = forms.URLField(
        label=_("LinkedIn"),
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    interests = TagField(
        label=_("Interests"),
        required=False,
        help_text=_("Subjects you care about, separated by commas."),
    )
    skills_offered = TagField(
        label=_("I can help with"),
        required=False,
        help_text=_("Skills you can share, separated by commas."),
    )
    skills_sought = TagField(
        label=_("I am looking for"),
        required=False,
        help_text=_("Skills or help you are looking for, separated by commas."),
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "pronouns",
            "bio",
            "organization",
            "role",
            "region",
            "languages",
            "interests",
            "skills_offered",
            "skills_sought",
            "website",
            "linkedin",
            "visibility",
            "language",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "visibility": _(
                "Public: anyone with the link. Members only: signed-in members. "
                "Hidden: nobody but you and staff; you are not listed in the directory."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        for name in ("display_name", "pronouns", "bio", "organization", "role"):
            self.fields[name].validators.append(reject_markup)
        self.fields["region"].choices = [("", _("Choose a region"))] + list(Region.choices)

    def clean_avatar_upload(self):
        upload = self.cleaned_data.get("avatar_upload")
        if upload:
            images.validate_image(upload)
        return upload

    def clean_interests(self):
        return self._clean_tags("interests")

    def clean_skills_offered(self):
        return self._clean_tags("skills_offered")

    def clean_skills_sought(self):
        return self._clean_tags("skills_sought")

    def _clean_tags(self, name):
        tags = self.cleaned_data.get(name) or []
        limit_tags(tags)
        return tags


# Lazy labels, translated where they are printed: the list is made once.
REGION_CHOICES = [("", _("All regions")), *Region.choices]


def _region_choices():
    """Given to the field as a callable (Django's callable choices), the list is neither
    normalized nor deep-copied item by item each time the form is made."""
    return REGION_CHOICES


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or organization"), required=False, max_length=80)
    interest = KeptModelChoiceField(
        Interest.objects.all(),
        rows=queries.interest_choices,
        label=_("Interest"),
        to_field_name="slug",
        required=False,
        empty_label=_("All interests"),
    )
    skill = KeptModelChoiceField(
        Skill.objects.all(),
        rows=queries.skill_choices,
        label=_("Skill"),
        to_field_name="slug",
        required=False,
        empty_label=_("All skills"),
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, widget=QuickSelect, choices=_region_choices
    )

    def __init__(self, *args, tag_rows=None, **kwargs):
        """`tag_rows`: the kept rows of every interest and skill (members.queries.
        interests_and_tag_rows_of), where the page has read them."""
        super().__init__(*args, **kwargs)
        if tag_rows is not None:
            interests, skills = ([(slug, name) for _, slug, name in rows] for rows in tag_rows)
            self.fields["interest"].rows = lambda: interests
            self.fields["skill"].rows = lambda: skills

    def kept_key(self):
        """What the printed filters depend on besides the language (common's
        {% filter_fields %})."""
        return (tuple(self.fields["interest"].rows()), tuple(self.fields["skill"].rows()))
