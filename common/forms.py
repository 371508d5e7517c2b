"""Form fields that refuse, with a message, what the database cannot take.

What a browser sends is text, and a forged request sends anything. Django's fields
validate most of it, but a few values pass validation and fail on the way to the
database instead, with a server error:

- keys: a ModelMultipleChoiceField looks its keys up with `pk__in=[...]`, and a number
  larger than the column holds (2**63, 10**30) overflows in SQLite's driver;
- moments: a date and time in year 1 or 9999 is valid, until it is moved to UTC to be
  stored, and falls out of the calendar;
- tags: a tag longer than a tag may be is looked up by name before it is refused (with a
  LIKE pattern that SQLite finds too complex when it is long).

The admin (common.admin) and the site's forms use these fields.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField as BaseTagField

from common.fasthtml import escape, format_html
from common.renderers import attributes_html

# Dates and times are refused outside these years: far enough for any membership or
# event, near enough that moving one to any time zone stays within the calendar.
FIRST_YEAR = 1900
LAST_YEAR = 2999
# A tag's name is at most this long (taggit's TagBase.name); a field takes this many tags.
TAG_MAX_LENGTH = 100
TAG_MAX_COUNT = 50


def fits(field, value, *, using="default"):
    """Whether `value` (text from a request) can be looked up in the model field `field`:
    text where a number is expected does not, nor a number the column cannot hold."""
    try:
        python = field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    if isinstance(python, int) and not isinstance(python, bool):
        internal_type = field.target_field.get_internal_type() if field.is_relation else None
        try:
            low, high = connections[using].ops.integer_field_range(
                internal_type or field.get_internal_type()
            )
        except KeyError:  # not an integer column
            return True
        return (low is None or python >= low) and (high is None or python <= high)
    return True


def key_field(model, to_field_name=None):
    """The model field a choice's value names: the primary key, or `to_field_name`."""
    if to_field_name:
        return model._meta.get_field(to_field_name)
    return model._meta.pk


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a key its column cannot hold as an invalid value, before the lookup."""

    def _check_values(self, value):
        field = key_field(self.queryset.model, self.to_field_name)
        for key in value:
            if not fits(field, key, using=self.queryset.db):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(key)[:100]},
                )
        return super()._check_values(value)


def validate_year(value):
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(first)s and %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


class DateTimeField(forms.DateTimeField):
    """A date and time between FIRST_YEAR and LAST_YEAR."""

    default_validators = [validate_year]


class SplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date and time (two boxes), between FIRST_YEAR and LAST_YEAR."""

    default_validators = [validate_year]


def validate_tags(tags, *, max_count=TAG_MAX_COUNT, max_length=TAG_MAX_LENGTH):
    if len(tags) > max_count:
        raise ValidationError(
            _("Choose at most %(max)s entries.") % {"max": max_count}, code="too_many"
        )
    if any(len(tag) > max_length for tag in tags):
        raise ValidationError(
            _("Each entry must be %(max)s characters or fewer.") % {"max": max_length},
            code="too_long",
        )


class TagField(BaseTagField):
    """Tags separated by commas, each at most TAG_MAX_LENGTH characters."""

    def clean(self, value):
        tags = super().clean(value)
        validate_tags(tags or [])
        return tags


class QuickSelect(forms.Select):
    """A single choice's <select>, written straight from its choices, with the very markup
    of Django's Select (common.renderers): Django builds a dict of attributes per option
    (Select.optgroups) and a value object per row of a model's choices, which made a filter
    of a few dozen interests cost more than the list it filters. A model choice field's
    rows are read in one query (ModelChoiceIterator uses a server-side cursor)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = self.format_value(value)
        attributes = attributes_html(self.build_attrs(self.attrs, attrs))
        parts = [format_html('<select name="{}"{}>', name, attributes)]
        chosen = False
        for option_value, label in self._rows():
            if isinstance(label, (list, tuple)):
                parts.append(format_html('\n  <optgroup label="{}">', option_value))
                for sub_value, sub_label in label:
                    chosen = self._option(parts, sub_value, sub_label, selected, chosen)
                parts.append("\n  </optgroup>")
            else:
                chosen = self._option(parts, option_value, label, selected, chosen)
        parts.append("\n</select>")
        return SafeString("".join(parts))

    @staticmethod
    def _option(parts, value, label, selected, chosen):
        value = "" if value is None else str(value)
        is_selected = not chosen and value in selected
        mark = " selected" if is_selected else ""
        parts.append(f'\n  <option value="{escape(value)}"{mark}>{escape(label)}</option>\n')
        return chosen or is_selected

    def _rows(self):
        choices = self.choices
        if not isinstance(choices, forms.models.ModelChoiceIterator):
            yield from choices
            return
        field = choices.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        for obj in choices.queryset:
            yield (field.prepare_value(obj), field.label_from_instance(obj))


class _KeptRows(BaseChoiceIterator):
    """A KeptModelChoiceField's choices: its empty label, then its rows."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.field.rows()

    def __len__(self):
        return len(self.field.rows()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.rows())


class KeptModelChoiceField(forms.ModelChoiceField):
    """A model choice whose list of choices comes from `rows()`, [(value, label)] kept by
    the app that owns the model (in a cache it forgets when a row changes), rather than a
    query on every page that shows the list; a choice sent is still looked up in
    `queryset`, so a row deleted meanwhile is refused as any wrong choice is."""

    iterator = _KeptRows
    widget = QuickSelect

    def __init__(self, queryset, *, rows, **kwargs):
        self.rows = rows
        super().__init__(queryset, **kwargs)
