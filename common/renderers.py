"""The site's form renderer."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

SELECT = "django/forms/widgets/select.html"


class FormRenderer(DjangoTemplates):
    """Django's form templates, but a select (single or multiple, with or without option
    groups) is written in Python, with the very markup of Django's templates: those
    include two templates per option, and the directory's three filters (some 75 options)
    cost more than the rest of its page."""

    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            return select_html(context["widget"]).strip()
        return super().render(template_name, context, request=request)


def attributes_html(attrs):
    """django/forms/widgets/attrs.html: ` name="value"`, ` name` alone for True, nothing
    for False."""
    return _joined(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )


def option_html(option):
    return format_html(
        '\n  <option value="{}"{}>{}</option>\n',
        str(option["value"]),
        attributes_html(option["attrs"]),
        option["label"],
    )


def select_html(widget):
    """django/forms/widgets/select.html with select_option.html inlined."""
    parts = [format_html('<select name="{}"{}>', widget["name"], attributes_html(widget["attrs"]))]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        parts.extend(option_html(option) for option in group_choices)
        if group_name:
            parts.append(SafeString("\n  </optgroup>"))
    parts.append(SafeString("\n</select>"))
    return _joined(parts)


def _joined(pieces):
    """Safe pieces joined, still safe (what is not safe is escaped)."""
    return format_html_join("", "{}", ((piece,) for piece in pieces))
