"""The admin's bases: every ModelAdmin and inline of the site derives from these (the
apps' admin modules), and `guard` gives the same to the admins other packages register
(allauth, auth).

They answer a forged or careless request with a form error or a message, never with a
server error:

- keys: a many-to-many select and the autocomplete selects refuse keys their column
  cannot hold (common.forms.ModelMultipleChoiceField; the autocomplete widgets look the
  sent keys up again to show them, and skip those);
- dates and times: between common.forms.FIRST_YEAR and LAST_YEAR;
- tags: each at most common.forms.TAG_MAX_LENGTH characters;
- the list's actions: selected ids that cannot exist are refused with a message;
- the list's search: a search too long to be one finds nothing;
- inline rows: a form whose count of stored rows was changed on the way is refused,
  rather than saving its rows again as new ones.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers, widgets
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from common import forms

# Longer than any search a person types; SQLite refuses LIKE patterns of 50,000 bytes.
SEARCH_MAX_LENGTH = 200


def _sent_keys(widget, value):
    field = forms.key_field(
        widget.field.remote_field.model, getattr(widget.field.remote_field, "field_name", None)
    )
    return [key for key in value if forms.fits(field, key, using=widget.db or "default")]


class AutocompleteSelect(widgets.AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _sent_keys(self, value), attr)


class AutocompleteSelectMultiple(widgets.AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _sent_keys(self, value), attr)


FORMFIELD_OVERRIDES = {
    models.DateTimeField: {"form_class": forms.SplitDateTimeField},
    models.ManyToManyField: {"form_class": forms.ModelMultipleChoiceField},
    models.URLField: {"assume_scheme": "https"},
    TaggableManager: {"form_class": forms.TagField},
}


class GuardedFormfields:
    """For ModelAdmin and inlines alike: the fields and widgets above (an admin's own
    formfield_overrides still win)."""

    def __init__(self, *args, **kwargs):
        own = self.formfield_overrides
        self.formfield_overrides = {
            key: {**FORMFIELD_OVERRIDES.get(key, {}), **own.get(key, {})}
            for key in {*FORMFIELD_OVERRIDES, *own}
        }
        super().__init__(*args, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ModelAdmin(GuardedFormfields, admin.ModelAdmin):
    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        pk = self.model._meta.pk
        if not all(forms.fits(pk, key, using=queryset.db) for key in selected):
            self.message_user(
                request,
                _("Some of the selected items do not exist. No items have been changed."),
                messages.WARNING,
            )
            return None
        return super().response_action(request, queryset)

    def get_search_results(self, request, queryset, search_term):
        if len(search_term) > SEARCH_MAX_LENGTH or "\x00" in search_term:
            self.message_user(
                request,
                _("Search with at most %(max)s characters.") % {"max": SEARCH_MAX_LENGTH},
                messages.WARNING,
            )
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)


class InlineFormSet(BaseInlineFormSet):
    """Refuses a form whose count of stored rows is not the rows stored: a forged count
    would save the stored rows again as new ones."""

    def clean(self):
        super().clean()
        if self.is_bound and self.initial_form_count() != len(self.get_queryset()):
            raise ValidationError(
                _("The rows changed since this page was opened: open it again."),
                code="stale_rows",
            )


class TabularInline(GuardedFormfields, admin.TabularInline):
    formset = InlineFormSet


class StackedInline(GuardedFormfields, admin.StackedInline):
    formset = InlineFormSet


def guard(site):
    """Give the admins registered by other packages the same guards, by registering each
    again as a subclass of ours (and its inlines likewise). Call once every admin module
    has been imported (community's admin, the last app)."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, ModelAdmin):
            continue
        cls = type(model_admin)
        inlines = [_guarded_inline(inline) for inline in cls.inlines]
        attrs = {"inlines": inlines, "__module__": cls.__module__}
        guarded = type(cls.__name__, (ModelAdmin, cls), attrs)
        site.unregister(model)
        site.register(model, guarded)


def _guarded_inline(inline):
    if issubclass(inline, GuardedFormfields):
        return inline
    attrs = {"__module__": inline.__module__}
    if issubclass(inline.formset, BaseInlineFormSet) and not issubclass(
        inline.formset, InlineFormSet
    ):
        attrs["formset"] = type(inline.formset.__name__, (InlineFormSet, inline.formset), {})
    return type(inline.__name__, (GuardedFormfields, inline), attrs)
