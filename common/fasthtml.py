"""format_html for the markup written in Python in loops (cards, posts, options).

Django's format_html escapes each argument through conditional_escape and escape, each
wrapped by keep_lazy (which looks for lazy strings among the arguments on every call): a
directory page made some 900 such calls. These do the same with the standard library's
html.escape, which escapes the same five characters the same way.
"""

import html

from django.utils.safestring import SafeString

# The five characters html.escape (and so Django's escape) replaces, replaced in one pass
# of str.translate: a card or a post escapes a dozen plain strings read from the database.
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(value):
    """What conditional_escape gives: a safe string unchanged, anything else escaped."""
    if type(value) is str:
        return value.translate(ESCAPES)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def format_html(template, *args):
    """django.utils.html.format_html, for positional arguments."""
    return SafeString(template.format(*map(escape, args)))


def format_html_join(separator, template, rows):
    """django.utils.html.format_html_join."""
    return SafeString(escape(separator).join(format_html(template, *row) for row in rows))


def csrf_input(context):
    """What {% csrf_token %} prints, from a template context: the hidden field of a form."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return SafeString(f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">')
