from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from common import images, uploads
from common.forms import KeptModelChoiceField, QuickSelect
from common.markdown import MAX_SOURCE_LENGTH
from members.forms import limit_tags, reject_markup
from members.models import Interest
from spaces import queries
from spaces.models import Membership, Reaction, Report, Space, Thread


class SpaceForm(forms.ModelForm):
    cover_upload = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=_("A wide JPEG, PNG, WebP or GIF image up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    interests = TagField(
        label=_("Interests"),
        required=False,
        help_text=_(
            "Themes of this space, separated by commas. "
            "Members with these interests see it suggested."
        ),
    )

    class Meta:
        model = Space
        fields = ["name", "description", "visibility", "language", "interests"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "description"):
            self.fields[name].validators.append(reject_markup)
        if self.instance.cover:
            self.initial["cover_upload"] = self.instance.cover  # shown, with a box to clear it

    def clean_cover_upload(self):
        """A new upload checked by content, False to remove the cover, None to keep it."""
        upload = self.cleaned_data.get("cover_upload")
        if upload is False:
            return False
        if not isinstance(upload, UploadedFile):
            return None
        images.validate_image(upload)
        return upload

    def clean_interests(self):
        tags = self.cleaned_data.get("interests") or []
        limit_tags(tags)
        return tags


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to MAX_FILES files, each checked by its content."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > uploads.MAX_FILES:
            raise forms.ValidationError(
                _("Attach at most %(max)s files.") % {"max": uploads.MAX_FILES}
            )
        checked = []
        for upload in files:
            super().clean(upload, initial)
            checked.append((upload, uploads.inspect(upload)))
        return checked


ATTACHMENTS_HELP = _("Images, PDF, office documents or text; up to 5 files of 10 MB.")


class ThreadForm(forms.ModelForm):
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_SOURCE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, *italic*, [link](https://…), lists with -."),
    )
    interests = TagField(
        label=_("Tags"), required=False, help_text=_("Separated by commas, to find it later.")
    )
    attachments = AttachmentsField(label=_("Attachments"), help_text=ATTACHMENTS_HELP)

    class Meta:
        model = Thread
        fields = ["title", "kind", "body", "interests"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].validators.append(reject_markup)

    def clean_interests(self):
        tags = self.cleaned_data.get("interests") or []
        limit_tags(tags)
        return tags


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_SOURCE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown: **bold**, *italic*, [link](https://…), lists with -."),
    )
    attachments = AttachmentsField(label=_("Attachments"), help_text=ATTACHMENTS_HELP)


class EditPostForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=160, required=False, validators=[reject_markup]
    )
    body = forms.CharField(
        label=_("Message"), max_length=MAX_SOURCE_LENGTH, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, is_thread=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = is_thread
        if not is_thread:
            del self.fields["title"]


class ReactionForm(forms.Form):
    emoji = forms.ChoiceField(choices=Reaction.Emoji.choices)


class KnowledgeSearchForm(forms.Form):
    """The knowledge page's filters. Its tags are those of the space's threads, read by a
    query compiled once when the form is printed (common's {% filter_fields %} keeps the
    printed filters while none is chosen); a tag sent is looked up among them."""

    q = forms.CharField(label=_("Search the answers"), required=False, max_length=100)
    tag = KeptModelChoiceField(
        label=_("Tag"),
        queryset=Interest.objects.none(),
        rows=list,
        to_field_name="slug",
        required=False,
        empty_label=_("All tags"),
        widget=QuickSelect,
    )

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        self.space = space
        self.fields["tag"].rows = lambda: self.offered
        if self.is_bound:
            self.fields["tag"].queryset = queries.space_interests(space)

    @cached_property
    def offered(self):
        """[(slug, name)] of the tags to choose from."""
        return queries.space_interest_choices(self.space)

    def kept_key(self):
        """What the printed filters depend on besides the language ({% filter_fields %})."""
        return tuple(self.offered)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Member's email address"))


class ChatForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=2000)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you report this?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details for the moderators (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModerationForm(forms.Form):
    reason = forms.CharField(label=_("Reason, told to the member"), required=False, max_length=1000)


class MuteForm(ModerationForm):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365, initial=7)
