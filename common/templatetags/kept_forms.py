"""{% filter_fields form %}: a list's filters, each field as components/form_field.html
prints it, kept per process while no filter is chosen.

With no filter chosen, a list's filters print the same for every reader of a language, as
long as the choices they offer are the same: printed once, they are kept under the form's
class, whether it is bound, the language and the form's `kept_key()` (what its choices
are made of). Printed each time, four fields with their lists of interests cost some 5,000
Python calls. Per process, so that a new release prints them anew.
"""

from django import template
from django.template.loader import get_template
from django.utils.translation import get_language

from common.fasthtml import format_html_join

register = template.Library()

# Printed forms and fields, per process: a few per list or page, emptied when full.
_KEPT = {}
_KEPT_SIZE = 128


def kept_html(key, make):
    """The markup kept under `key`, made by `make()` the first time (and again once the
    store, full, was emptied)."""
    html = _KEPT.get(key)
    if html is None:
        if len(_KEPT) >= _KEPT_SIZE:
            _KEPT.clear()
        html = _KEPT[key] = make()
    return html


@register.simple_tag
def filter_fields(form):
    if form.is_bound and (form.errors or any(form.data.get(name) for name in form.fields)):
        return _fields_html(form)
    key = ("filters", type(form), form.is_bound, get_language(), form.kept_key())
    return kept_html(key, lambda: _fields_html(form))


def _fields_html(form):
    field_html = get_template("components/form_field.html")
    return format_html_join("", "{}", ((field_html.render({"field": field}),) for field in form))
