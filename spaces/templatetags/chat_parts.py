"""{% chat_log history linked report_view report_arg ... %}: the messages a chat shows on
arrival (a space's chat room, a conversation), written here rather than in the loop's
template: fifty messages, each with its author, moment, text and report link, were half of
the page's rendering. Each message's report link is `report_view` with the given arguments
and the message's key; `linked`: the author's name links to their profile where the reader
may see it (the chat room), else it is plain text (a conversation).
{% chat_texts %}: the texts chat.js shows, kept per language.
{% chat_room history oldest present %}: the room of a space's chat page, its log, its form
and who is here: the template's twelve tags ({% translate %}, {% if %}, {% for %}) cost
as much as the log."""

from functools import lru_cache

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from common.fasthtml import csrf_input, escape, format_html
from common.templatetags.moments import moment
from common.urls import cached_reverse
from members.templatetags import people
from members.templatetags.people import _viewer
from spaces.links import links_by_key

register = template.Library()


@register.simple_tag(takes_context=True)
def chat_log(context, history, linked, report_view, *report_args):
    viewer = _viewer(context)
    if not history:
        return format_html(
            '<li class="muted" data-chat-empty>{}</li>', gettext("No message yet. Say hello!")
        )
    report = escape(gettext("Report"))
    report_link = None  # reversed once, at the first message the reader may report
    names = {}  # each author named once: a chat is a few people, many times over
    lines = []
    for message in history:
        name = names.get(message.author_id)
        if name is None:
            name = names[message.author_id] = _author(context, message.author, linked)
        when = moment(context, message.created_at, "SHORT_DATE_FORMAT", "H:i", **{"class": "muted"})
        # normalize_newlines, without its keep_lazy wrapper (a message's body is a str).
        body = escape(message.body.replace("\r\n", "\n").replace("\r", "\n"))
        body = body.replace("\n", "<br>")
        link = ""
        if message.author_id != viewer.pk:
            if report_link is None:
                report_link = links_by_key(report_view, *report_args)
            url = report_link(message.pk)
            link = f'<a class="muted chat-report" href="{escape(url)}">{report}</a>'
        lines.append(
            f'<li class="chat-message" data-id="{message.pk}">{name}{when}<p>{body}</p>{link}</li>'
        )
    return SafeString("\n".join(lines))


def _author(context, author, linked):
    if linked:
        return people.author(context, author, "chat-author")
    shown = escape(people.author_name(context, author))
    return f'<span class="chat-author">{shown}</span>'


@register.simple_tag
def chat_texts():
    """The texts chat.js shows (connected, reconnecting, a former member...), as the data
    of a <template>: the same for every reader, printed once per language."""
    return _chat_texts(get_language())


@lru_cache(maxsize=8)
def _chat_texts(_language):
    return format_html(
        '<template id="chat-texts" data-connected="{}" data-reconnecting="{}" data-former="{}" '
        'data-signedout="{}" data-forbidden="{}"></template>',
        gettext("Connected"),
        gettext("Connection lost, reconnecting…"),
        gettext("A former member"),
        gettext("You are signed out: sign in again to follow the discussion."),
        gettext("You can no longer follow this discussion."),
    )


@register.simple_tag(takes_context=True)
def chat_room(context, history, oldest, present):
    """The context gives `space`, `access` (spaces.permissions) and `user`."""
    space = context["space"]
    slug = escape(space.slug)
    texts = _room_texts(get_language())
    report = escape(cached_reverse("spaces:report", space.slug, "chat", 0))
    older = ""
    if oldest:
        older = f'<p><a href="?before={escape(oldest)}" data-chat-older>{texts["older"]}</a></p>'
    if context["access"].can_post:
        form = (
            f'<form method="post" class="chat-form" data-chat-form>\n{csrf_input(context)}\n'
            f'<label for="id_body">{texts["message"]}</label>\n<div class="chat-input">\n'
            '<input type="text" name="body" id="id_body" maxlength="2000" autocomplete="off" '
            f'required>\n<button type="submit" class="button">{texts["send"]}</button>\n'
            "</div>\n</form>"
        )
    else:
        form = f'<p class="callout">{texts["join"]}</p>'
    names = "".join(f"<li>{escape(name)}</li>" for name in present)
    log = chat_log(context, history, True, "spaces:report", space.slug, "chat")
    return SafeString(
        f'<div class="chat" data-chat data-socket="/ws/spaces/{slug}/chat/" '
        f'data-space="{space.pk}" data-me="{escape(context["user"].pk)}" '
        f'data-report="{report}" data-report-label="{texts["report"]}">\n'
        '<section class="chat-main" aria-labelledby="chat-heading">\n'
        f'<h2 id="chat-heading" class="visually-hidden">{texts["chat"]}</h2>\n{older}\n'
        '<ol class="chat-log" data-chat-log aria-live="polite" aria-relevant="additions">\n'
        f'{log}\n</ol>\n<p class="error" role="alert" data-chat-error></p>\n{form}\n'
        '</section>\n<aside class="chat-presence" aria-labelledby="presence-heading">\n'
        f'<h2 id="presence-heading">{texts["here"]}</h2>\n'
        f"<ul data-chat-presence>{names}</ul>\n"
        f'<p class="muted" data-chat-status>{texts["connecting"]}</p>\n</aside>\n</div>'
    )


@lru_cache(maxsize=8)
def _room_texts(_language):
    """The room's texts, escaped, kept per language."""
    return {
        name: escape(text)
        for name, text in (
            ("chat", gettext("Chat")),
            ("report", gettext("Report")),
            ("older", gettext("Older messages")),
            ("message", gettext("Message")),
            ("send", gettext("Send")),
            ("join", gettext("Join the space to take part in the chat.")),
            ("here", gettext("Here now")),
            ("connecting", gettext("Connecting…")),
        )
    }
