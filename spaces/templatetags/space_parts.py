"""{% space_header %}: the header of a space's pages (its name, the member's buttons, its
interests and its tabs), written here rather than included: the template's twenty tags
({% translate %}, {% link %}, {% if %}) cost as much as the rest of the chat room.
The context gives `space`, `access` (spaces.permissions), `tab`, and `request_count`
where the page shows it.

{% interest_tags space_or_thread %}: the interests of the space or the thread a page is
about (spaces.queries.kept_interest_names), each as a tag.

{% kept_field form.body %}: components/form_field.html for a field of a form that prints
the same for every reader while unbound, kept per process."""

from functools import lru_cache

from django import template
from django.template.defaultfilters import linebreaksbr
from django.template.loader import get_template
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from common.fasthtml import csrf_input, escape
from common.templatetags.kept_forms import kept_html
from common.urls import cached_reverse
from spaces import queries
from spaces.models import Space

register = template.Library()


@register.simple_tag(takes_context=True)
def space_header(context):
    space, access = context["space"], context["access"]
    cover = ""
    if space.cover:
        cover = (
            f'<img class="space-cover space-cover-wide" src="{escape(space.cover.url)}" '
            'width="1200" height="400" alt="">'
        )
    description = ""
    if space.description:
        description = f'<p class="lead">{linebreaksbr(space.description)}</p>'
    tabs = _tabs(context, space, access) if access.can_read else ""
    return SafeString(
        f'<header class="space-header">\n{cover}\n<div class="page-title">\n'
        f"<h1>{escape(space.name)}</h1>\n"
        f'<div class="actions">\n{_actions(context, space, access)}\n</div>\n</div>\n'
        f"{description}\n{interest_tags(space)}\n{tabs}\n</header>"
    )


def _actions(context, space, access):
    """The buttons: edit the space; leave it, accept an invitation, withdraw a request, or
    join (ask to join)."""
    slug = space.slug
    edit = ""
    if access.can_manage:
        url = escape(cached_reverse("spaces:edit", slug))
        label = escape(gettext("Edit the space"))
        edit = f'<a class="button button-secondary" href="{url}">{label}</a>'
    if access.is_member:
        action = _form(context, "spaces:leave", slug, "button button-secondary", gettext("Leave"))
    elif access.is_invited:
        action = _form(context, "spaces:join", slug, "button", gettext("Accept the invitation"))
    elif access.has_requested:
        # gettext outside the f-strings: makemessages does not look inside them.
        waiting = escape(gettext("Your request is waiting for a moderator."))
        withdraw = _form(context, "spaces:leave", slug, "link-button", gettext("Withdraw"))
        action = f'<span class="muted">{waiting}</span>\n{withdraw}'
    elif access.can_join:
        is_open = space.visibility == Space.Visibility.OPEN
        label = gettext("Join") if is_open else gettext("Ask to join")
        action = _form(context, "spaces:join", slug, "button", label)
    else:
        action = ""
    return f"{edit}\n{action}"


def _form(context, view, slug, button_class, label):
    return (
        f'<form method="post" action="{escape(cached_reverse(view, slug))}" class="inline-form">'
        f'{csrf_input(context)}<button type="submit" class="{button_class}">{escape(label)}'
        "</button></form>"
    )


def _tabs(context, space, access):
    tab = context.get("tab")
    labels = _tab_labels(get_language())

    def link(view, name, extra=""):
        current = 'aria-current="page"' if tab == name else ""
        url = escape(cached_reverse(view, space.slug))
        return f'<a href="{url}" {current}>{labels[name]}{extra}</a>'

    request_count = context.get("request_count")
    badge = f' <span class="badge">{escape(request_count)}</span>' if request_count else ""
    links = [
        link("spaces:detail", "threads"),
        link("spaces:chat", "chat"),
        link("spaces:knowledge", "knowledge"),
        link("spaces:members", "members", badge),
    ]
    if access.can_moderate:
        links.append(link("spaces:moderation", "moderation"))
    return f'<nav class="tabs" aria-label="{labels["nav"]}">\n' + "\n".join(links) + "\n</nav>"


@lru_cache(maxsize=8)
def _tab_labels(_language):
    """The tabs' texts, escaped, kept per language."""
    return {
        "nav": escape(gettext("Space sections")),
        "threads": escape(gettext("Discussions")),
        "chat": escape(gettext("Chat")),
        "knowledge": escape(gettext("Knowledge")),
        "members": escape(gettext("Members")),
        "moderation": escape(gettext("Moderation")),
    }


@register.simple_tag
def interest_tags(space_or_thread):
    tags = "".join(
        f'<span class="tag">{escape(name)}</span> '
        for name in queries.kept_interest_names(space_or_thread)
    )
    return SafeString(f"<p>{tags}</p>")


@register.simple_tag
def kept_field(field):
    """{% include "components/form_field.html" with field=field %}, for the forms of a
    space's pages that print the same for every reader while unbound (a reply's, no initial
    value, no choice read from the database): printed once per language and kept, as
    common's {% filter_fields %} keeps a list's filters. The two fields of a thread's reply
    form cost some 1,800 Python calls printed each time."""
    form = field.form
    if form.is_bound or form.initial or field.initial is not None:
        return _field_html(field)
    key = ("field", type(form), form.prefix, form.auto_id, field.name, get_language())
    return kept_html(key, lambda: _field_html(field))


def _field_html(field):
    return get_template("components/form_field.html").render({"field": field})
