"""The site's form renderer."""

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeString

from common.fasthtml import format_html, format_html_join

SELECT = "django/forms/widgets/select.html"
TEXTAREA = "django/forms/widgets/textarea.html"
LABEL = "django/forms/label.html"
CLEARABLE_FILE = "django/forms/widgets/clearable_file_input.html"
# Django's widget templates that only include input.html.
INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number",
        "password", "search", "tel", "text", "time", "url",
    )
}  # fmt: skip


class FormRenderer(DjangoTemplates):
    """Django's form templates, but the common ones are written in Python, with the very
    markup of Django's templates: a select (single or multiple, with or without option
    groups), an input, a textarea, a label, a file input with no file yet. Those templates
    include one another (two per option of a select), and a page's filters cost more than
    the rest of it."""

    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            return select_html(context["widget"]).strip()
        if template_name in INPUTS:
            return input_html(context["widget"])
        if template_name == TEXTAREA:
            return textarea_html(context["widget"])
        if template_name == LABEL:
            return label_html(context)
        if template_name == CLEARABLE_FILE and not context["widget"]["is_initial"]:
            return input_html(context["widget"])  # with no file yet, the input alone
        return super().render(template_name, context, request=request)


def input_html(widget):
    """django/forms/widgets/input.html."""
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', value) if value is not None else "",
        attributes_html(widget["attrs"]),
    )


def textarea_html(widget):
    """django/forms/widgets/textarea.html."""
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>',
        widget["name"],
        attributes_html(widget["attrs"]),
        widget["value"] or "",
    )


def label_html(context):
    """django/forms/label.html."""
    if not context["use_tag"]:
        return format_html("{}", context["label"])
    return format_html(
        "<{}{}>{}</{}>",
        context["tag"],
        attributes_html(context["attrs"]),
        context["label"],
        context["tag"],
    )


def attributes_html(attrs):
    """django/forms/widgets/attrs.html: ` name="value"`, ` name` alone for True, nothing
    for False; nothing for no attributes at all (None: a label's, as the admin asks for)."""
    return _joined(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in (attrs or {}).items()
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
