"""The site's addresses and forms, found as a visitor finds them: every named URL pattern
of the resolver, reversed with the community's objects (the privacy crawl's table says
how); every <form> of the pages, read with html.parser."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse

from tests.privacy.admin_pages import admin_cases
from tests.privacy.crawl import url_of
from tests.privacy.routes import ROUTES


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: tuple

    def __str__(self):
        return self.name


def named_routes():
    """Every named URL pattern of the site, with the names of its arguments."""
    found = {}

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern, inner)
            elif pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                kwargs = tuple(sorted(pattern.pattern.regex.groupindex))
                found.setdefault(name, Route(name, kwargs))

    walk(get_resolver(), None)
    return sorted(found.values(), key=lambda route: route.name)


def route_of(path):
    """The name of the URL pattern that answers `path`, or None."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def addresses(community):
    """{URL name: [address]}: the pages of the privacy crawl (tests/privacy/routes.py and
    its admin crawl), and the pages of each event and each space for all of them."""
    placeholders = {key: user.profile.pk for key, user in community.users.items()}
    routes = named_routes()
    cases = [case for name, make in ROUTES.items() for case in make(community, name)]
    admin_names = {route.name for route in routes if route.name.startswith("admin:")}
    cases += admin_cases(community, admin_names)[0]
    found = {}
    for case in cases:
        address = url_of(case, case.query.format(**placeholders), settings.LANGUAGE_CODE)
        found.setdefault(case.name, []).append(address)
    for route in routes:
        if route.kwargs != ("slug",):
            continue
        namespace = route.name.split(":", 1)[0]
        objects = {"events": community.events, "spaces": community.spaces}.get(namespace, {})
        for obj in objects.values():
            found.setdefault(route.name, []).append(reverse(route.name, args=[obj.slug]))
    return {name: list(dict.fromkeys(found[name])) for name in sorted(found)}


# --- forms, as html.parser reads them ---


@dataclass
class Field:
    name: str
    kind: str  # the input's type, "textarea", "select" or "button"
    value: str = ""
    checked: bool = False
    required: bool = False
    multiple: bool = False
    classes: str = ""
    options: list = field(default_factory=list)  # a select's [(value, selected)]
    attrs: dict = field(default_factory=dict)


@dataclass
class Form:
    page: str
    action: str
    method: str
    enctype: str
    htmx: bool
    fields: list

    @property
    def route(self):
        return route_of(self.action)

    def signature(self):
        """Forms that differ only in the objects they name are one form."""
        names = frozenset(f.name for f in self.fields if f.kind not in ("button", "submit"))
        return (self.route, self.method, names)


SUBMITS = {"submit", "image"}


class FormParser(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms = []
        self.by_id = {}
        self.current = None
        self.select = None
        self.option = None
        self.textarea = None
        self.button = None
        self.orphans = []  # fields with a form="id" attribute

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "form":
            method = attrs.get("method", "get").lower()
            action = attrs.get("action") or attrs.get("hx-post") or attrs.get("hx-get") or ""
            form = Form(
                page=self.page,
                action=urljoin(self.page, action) if action else self.page,
                method="post" if "hx-post" in attrs else method,
                enctype=attrs.get("enctype", ""),
                htmx=any(name.startswith("hx-") for name in attrs),
                fields=[],
            )
            self.forms.append(form)
            if "id" in attrs:
                self.by_id[attrs["id"]] = form
            self.current = form
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            self._add(
                Field(
                    name=attrs.get("name", ""),
                    kind="submit" if kind in SUBMITS else kind,
                    value=attrs.get("value", "on" if kind in ("checkbox", "radio") else ""),
                    checked="checked" in attrs,
                    required="required" in attrs,
                    multiple="multiple" in attrs,
                    classes=attrs.get("class", ""),
                    attrs=attrs,
                ),
                attrs,
            )
        elif tag == "textarea":
            self.textarea = Field(
                name=attrs.get("name", ""),
                kind="textarea",
                required="required" in attrs,
                attrs=attrs,
            )
            self._add(self.textarea, attrs)
        elif tag == "select":
            self.select = Field(
                name=attrs.get("name", ""),
                kind="select",
                required="required" in attrs,
                multiple="multiple" in attrs,
                attrs=attrs,
            )
            self._add(self.select, attrs)
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "selected" in attrs, ""]
            self.select.options.append(self.option)
        elif tag == "button":
            kind = attrs.get("type", "submit").lower()
            self.button = Field(
                name=attrs.get("name", ""),
                kind="submit" if kind == "submit" else "button",
                value=attrs.get("value", ""),
                attrs=attrs,
            )
            self._add(self.button, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            if self.select is not None:
                self.select.options = [
                    (text.strip() if value is None else value, selected)
                    for value, selected, text in self.select.options
                ]
            self.select = None
        elif tag == "option":
            self.option = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "button":
            self.button = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data
        elif self.option is not None:
            self.option[2] += data

    def _add(self, field_, attrs):
        if "disabled" in attrs or not field_.name:
            return
        if "__prefix__" in field_.name:  # the admin's template for one more inline row
            return
        if attrs.get("form"):
            self.orphans.append((attrs["form"], field_))
        elif self.current is not None:
            self.current.fields.append(field_)

    def close(self):
        super().close()
        for form_id, field_ in self.orphans:
            if form_id in self.by_id:
                self.by_id[form_id].fields.append(field_)


def parse_forms(page, html):
    parser = FormParser(page)
    parser.feed(html)
    parser.close()
    for form in parser.forms:
        if form.method != "post":
            form.method = "get"
    return parser.forms
