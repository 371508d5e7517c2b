"""What a form is sent: the values its page offered (a valid baseline), and, one field at a
time, values a hostile or careless visitor sends instead."""

import io
import re
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

HUGE = [str(2**63), str(10**30)]
LONG = "x" * 100_000
INVISIBLE = "\u200b\u202e"  # a zero-width space, then right-to-left override
_ROW = re.compile(r"-\d+-")

TEXT = ["", LONG, "a\x00b"]
NUMBER = ["", "-1", "0", *HUGE, "1e309", "NaN"]
DATE = ["", "0000-00-00", "0001-01-01", "9999-12-31"]
DATETIME = ["", "0000-00-00T00:00", "0001-01-01T00:00", "9999-12-31T23:59"]
TIME = ["", "24:00", "99:99"]
CHOICE = ["", "not-a-choice", *HUGE, "-1", "\x00"]
HIDDEN = ["", "-1", str(2**63), "\x00", LONG]
NEXT = ["abc", "//evil.example/", "javascript:alert(1)"]


@dataclass
class Control:
    """One name of a form, as the view reads it: a text box, a select, a group of radios
    or checkboxes sharing the name, a file."""

    name: str
    kind: str
    fields: list

    def __str__(self):
        return f"{self.name} ({self.kind})"


def controls(form):
    """The form's controls, one per name; of the rows of a formset (the admin's inlines),
    the first row only: the others are the same fields again."""
    grouped = {}
    for field in form.fields:
        grouped.setdefault(field.name, []).append(field)
    found, shapes = [], set()
    for name, fields in grouped.items():
        kind = _kind(fields)
        if kind in ("button", "reset", "csrf"):
            continue
        shape = (_ROW.sub("-N-", name), kind)
        if shape in shapes:
            continue
        shapes.add(shape)
        found.append(Control(name, kind, fields))
    return found


def _kind(fields):
    first = fields[0]
    classes = first.classes.split()
    if first.name == "csrfmiddlewaretoken":
        return "csrf"
    if first.kind == "select":
        return "choices" if first.multiple else "choice"
    if first.kind == "radio":
        return "choice"
    if first.kind == "checkbox":
        return "choices" if len(fields) > 1 or first.value != "on" else "flag"
    if first.kind in ("number", "range"):
        return "number"
    if first.kind == "date" or "vDateField" in classes:
        return "date"
    if first.kind == "datetime-local":
        return "datetime"
    if first.kind == "time" or "vTimeField" in classes:
        return "time"
    if first.kind in ("hidden", "file", "submit", "button", "reset"):
        return first.kind
    return "text"  # text, textarea, email, url, password, search, tel…


# --- the baseline: what a browser sends when nobody touches the form ---


def _plausible(field, now):
    """A value for a required field the page left empty."""
    name = field.name.lower()
    later = any(word in name for word in ("end", "clos", "_1"))
    moment = now + timedelta(days=9, hours=2 if later else 0)
    if field.kind == "email":
        return "someone.new@example.org"
    if field.kind == "url":
        return "https://example.org/"
    if field.kind == "number":
        return field.attrs.get("min") or "1"
    if field.kind == "date" or "vDateField" in field.classes:
        return moment.date().isoformat()
    if field.kind == "datetime-local":
        return moment.strftime("%Y-%m-%dT%H:00")
    if field.kind == "time" or "vTimeField" in field.classes:
        return moment.strftime("%H:00:00")
    if field.kind == "password":
        return "Un-mot-de-passe-assez-long-42"
    if field.kind == "textarea":
        return "Un message pour voir."
    return "Bonjour"


def baseline(form):
    """{name: [values]} as a browser submits the form untouched, with required fields the
    page left empty filled with plausible values."""
    now = timezone.localtime()
    data = {}
    submit_taken = False
    for field in form.fields:
        if field.kind in ("button", "reset", "file"):
            continue
        if field.kind == "submit":
            if not submit_taken:
                data.setdefault(field.name, []).append(field.value)
                submit_taken = True
            continue
        if field.kind in ("checkbox", "radio"):
            if field.checked:
                data.setdefault(field.name, []).append(field.value)
            continue
        if field.kind == "select":
            chosen = [value for value, selected in field.options if selected]
            if not chosen and not field.multiple and field.options:
                chosen = [field.options[0][0]]
            if not any(chosen) and field.required and not field.multiple:
                chosen = [next((v for v, _s in field.options if v), "")]
            data.setdefault(field.name, []).extend(chosen)
            continue
        value = field.value
        if field.kind == "textarea" and value.startswith("\n"):
            value = value[1:]  # browsers drop the newline that follows <textarea>
        if not value and (field.required or field.kind == "password"):
            value = _plausible(field, now)
        data.setdefault(field.name, []).append(value)
    for field in form.fields:  # a required radio group nobody chose: its first choice
        if field.kind == "radio" and field.required and field.name not in data:
            data[field.name] = [field.value]
    return data


# --- the hostile values of one control ---


def tiny_png(name):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 90, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def hostile_files():
    return [
        ("an empty file", SimpleUploadedFile("vide.png", b"", content_type="image/png")),
        ("text named .png", SimpleUploadedFile("faux.png", b"<?php ?>", content_type="image/png")),
        ("a 300-character name", tiny_png("a" * 296 + ".png")),
        ("a name with NUL", tiny_png("a\x00b.png")),
    ]


def hostile_values(control, foreign_ids):
    """[(label, value)] to put in this control, each in turn."""
    offered = [field.value for field in control.fields]
    kind = control.kind
    if kind == "text":
        base = offered[0] if offered and offered[0] else "texte"
        values = [*TEXT, INVISIBLE + base]
    elif kind == "number":
        values = NUMBER
    elif kind == "date":
        values = DATE
    elif kind == "datetime":
        values = DATETIME
    elif kind == "time":
        values = TIME
    elif kind in ("choice", "choices"):
        values = CHOICE
    elif kind == "submit":  # views read which button was pressed, rarely its value
        values = ["not-a-choice"]
    elif kind == "flag":
        values = ["", "\x00"]
    elif kind == "hidden":
        values = list(HIDDEN)
        if control.name == "next":
            values += NEXT
        if offered and offered[0].isdigit() and not control.name.endswith("_FORMS"):
            values += [str(pk) for pk in foreign_ids if str(pk) != offered[0]]
    elif kind == "file":
        return hostile_files()
    else:
        values = TEXT
    return [(_label(value), value) for value in values]


def _label(value):
    if len(value) > 40:
        return f"{len(value)} characters"
    return repr(value)
