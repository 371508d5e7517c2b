"""Parts of a thread page that repeat with every post, written here rather than included:
a long thread shows thirty posts, and a template per post's reaction bar cost half of
their rendering.

    {% load post_parts %}
    {% reactions post kind reactions can_react %}   the reaction bar (counts, the picker)
    {% post post kind reactions files %}             a post: author, body, files, actions
    {% reply_items replies thread can_accept %}      a page of replies, each in its <li>
    {% thread_header thread %}                       the title, flags, moderator's buttons
    {% reply_section thread form %}                  the reply form, or why there is none

The two last ones for the thread's page: their templates' tags ({% if %}, {% translate %})
cost as much as the posts of a short thread.
"""

from functools import lru_cache

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from common.fasthtml import csrf_input, escape, format_html, format_html_join
from common.templatetags.moments import moment
from common.urls import cached_reverse
from members.templatetags import people
from members.templatetags.people import avatar
from spaces.links import links_by_key
from spaces.models import Reaction
from spaces.templatetags.space_parts import kept_field

register = template.Library()


@register.simple_tag(takes_context=True)
def reactions(context, post, kind, counts, can_react):
    """The bar's id is the HTMX target of the picker's form (spaces.views.posts.react)."""
    return _reactions(_Shared(context), post, kind, counts, can_react)


def _reactions(shared, post, kind, counts, can_react):
    bar = f"reactions-{escape(kind)}-{post.pk}"
    shown = "".join(
        f'<span class="reaction{" reaction-mine" if mine else ""}">{escape(emoji)} '
        f'<span class="count">{count}</span></span>'
        for emoji, count, mine in counts
    )
    picker = ""
    if can_react:
        action = escape(shared.link("spaces:react", kind, post.pk))
        picker = (
            f'<form method="post" action="{action}" class="inline-form react-form" '
            f'hx-post="{action}" hx-target="#{bar}" hx-swap="outerHTML">'
            f"{shared.hidden_token}{shared.buttons}</form>"
        )
    return SafeString(f'<div class="reactions" id="{bar}">{shown}{picker}</div>')


class _Shared:
    """What the posts of a page share, read once per tag rather than once per post: the
    context's space, access and reader, the texts in the page's language, the form token,
    and the links of each kind of action (reversed once, each post's key put in its place:
    spaces.links)."""

    def __init__(self, context):
        self.context = context
        self.slug = context["space"].slug
        language = get_language()
        self.labels = _labels(language)
        self.buttons = _buttons(language)
        token = escape(context.get("csrf_token", ""))
        self.hidden_token = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        self._links = {}

    def link(self, viewname, kind, pk):
        links = self._links.get((viewname, kind))
        if links is None:
            links = self._links[viewname, kind] = links_by_key(viewname, self.slug, kind)
        return links(pk)


@lru_cache(maxsize=8)
def _buttons(_language):
    """The picker's buttons, the same on every post: kept per language."""
    return format_html_join(
        "",
        '<button type="submit" name="emoji" value="{}" class="emoji-button" title="{}" '
        'aria-label="{}">{}</button>',
        ((value, label, label, value) for value, label in Reaction.Emoji.choices),
    )


@register.simple_tag(takes_context=True)
def post(context, post, kind, counts, files):
    """A thread's or a reply's body with its author, attachments, reactions and actions.
    The context gives `space`, `access` (spaces.permissions), `user` and `request`."""
    return _post(_Shared(context), post, kind, counts, files)


def _post(shared, post, kind, counts, files):
    context = shared.context
    access = context["access"]
    labels = shared.labels
    author = post.author
    picture = avatar(author.profile, "small") if author is not None and author.is_active else ""
    edited = labels["edited"] if post.edited_at and not post.is_deleted else ""
    meta = (
        f'<div class="post-meta">{picture}<div>{people.author(context, author)}'
        f'<p class="muted">{moment(context, post.created_at, "DATETIME_FORMAT")}{edited}</p>'
        "</div></div>"
    )
    if post.is_deleted:
        return SafeString(f'{meta}<p class="muted deleted">{labels["deleted"]}</p>')
    can_moderate = access.can_moderate
    if post.is_hidden and not can_moderate:
        return SafeString(f'{meta}<p class="muted deleted">{labels["hidden"]}</p>')
    flag = labels["hidden from members"] if post.is_hidden else ""
    return SafeString(
        # The body is sanitized when written (common.markdown).
        f'{meta}{flag}<div class="post-body">{post.body_html}</div>'
        f"{_attachments(context['space'], files)}"
        f"{_reactions(shared, post, kind, counts, access.can_post)}"
        f'<p class="post-actions">{_actions(shared, post, kind, access, can_moderate)}</p>'
    )


@lru_cache(maxsize=8)
def _labels(_language):
    """The texts of a post's parts, escaped, kept per language: a thread page shows thirty
    posts, each asking for the same few translations."""
    # gettext outside the f-strings: makemessages does not look inside them.
    edited = escape(gettext("edited"))
    hidden_from_members = escape(gettext("Hidden from members"))
    return {
        "edited": f" · <span>{edited}</span>",
        "deleted": escape(gettext("This message was deleted by its author.")),
        "hidden": escape(gettext("This message is hidden by a moderator.")),
        "hidden from members": f'<p class="flag">{hidden_from_members}</p>',
        "edit": escape(gettext("Edit")),
        "delete": escape(gettext("Delete")),
        "report": escape(gettext("Report")),
        "restore": escape(gettext("Restore")),
        "hide": escape(gettext("Hide")),
    }


def _attachments(space, files):
    if not files:
        return ""
    items = []
    for file in files:
        url = cached_reverse("spaces:attachment", space.slug, file.pk)
        if file.is_image:
            items.append(
                format_html(
                    '<a href="{}"><img src="{}" alt="{}" loading="lazy"></a>', url, url, file.name
                )
            )
        else:
            items.append(
                format_html(
                    '<a href="{}" download>📎 {}</a> <span class="muted">({})</span>',
                    url,
                    file.name,
                    filesizeformat(file.size),
                )
            )
    return format_html(
        '<ul class="attachments" aria-label="{}">{}</ul>',
        gettext("Attachments"),
        format_html_join("", "<li>{}</li>", ((item,) for item in items)),
    )


def _actions(shared, post, kind, access, can_moderate):
    user = shared.context["user"]
    labels = shared.labels
    hidden_token = shared.hidden_token
    parts = []
    if post.author_id == user.pk and access.can_post:
        edit = escape(shared.link("spaces:post_edit", kind, post.pk))
        delete = escape(shared.link("spaces:post_delete", kind, post.pk))
        parts.append(
            f'<a href="{edit}">{labels["edit"]}</a>'
            f'<form method="post" action="{delete}" class="inline-form">{hidden_token}'
            f'<button type="submit" class="link-button">{labels["delete"]}</button></form>'
        )
    elif post.author_id != user.pk:
        report = escape(shared.link("spaces:report", kind, post.pk))
        parts.append(f'<a href="{report}">{labels["report"]}</a>')
    if can_moderate:
        action = "restore" if post.is_hidden else "hide"
        moderate = escape(shared.link("spaces:moderate_item", kind, post.pk))
        back = escape(shared.context["request"].get_full_path())
        parts.append(
            f'<form method="post" action="{moderate}" class="inline-form">{hidden_token}'
            f'<input type="hidden" name="next" value="{back}">'
            f'<button type="submit" name="action" value="{action}" class="link-button">'
            f"{labels[action]}</button></form>"
        )
    return " ".join(parts)


@register.simple_tag(takes_context=True)
def reply_items(context, replies, thread, can_accept):
    """The <li> of each (reply, reactions, files) on a thread's page: the post, the flag of
    the accepted answer, and the form to accept it (or take it back) where `can_accept`."""
    shared = _Shared(context)
    accepted_flag = ""
    if thread.accepted_reply_id is not None:
        accepted_flag = format_html('<p class="flag flag-ok">{}</p>', gettext("Accepted answer"))
    if can_accept:  # the form's parts, for those who may accept an answer only
        token = csrf_input(context)
        accept_url = escape(cached_reverse("spaces:accept", context["space"].slug, thread.pk))
        remove = escape(gettext("Remove the accepted answer"))
        mark = escape(gettext("Mark as the accepted answer"))
    items = []
    for reply, counts, files in replies:
        accepted = thread.accepted_reply_id == reply.pk
        form = ""
        if can_accept and not reply.is_deleted and not reply.is_hidden:
            if accepted:
                button = f'<button type="submit" class="link-button">{remove}</button>'
            else:
                button = (
                    f'<input type="hidden" name="reply" value="{reply.pk}">'
                    f'<button type="submit" class="link-button">{mark}</button>'
                )
            form = (
                f'<form method="post" action="{accept_url}" class="inline-form">'
                f"{token}{button}</form>"
            )
        items.append(
            f'<li id="reply-{reply.pk}" class="post{" accepted" if accepted else ""}">'
            f"{accepted_flag if accepted else ''}{_post(shared, reply, 'reply', counts, files)}"
            f"{form}</li>"
        )
    return SafeString("\n".join(items))


@register.simple_tag(takes_context=True)
def thread_header(context, thread):
    """The context gives `space` and `access` (spaces.permissions)."""
    texts = _thread_texts(get_language())
    flags = []
    if thread.is_pinned:
        flags.append(f'<span class="flag">{texts["pinned"]}</span>')
    if thread.is_locked:
        flags.append(f'<span class="flag">{texts["locked"]}</span>')
    if thread.is_question:
        if thread.is_answered:
            flags.append(f'<span class="flag flag-ok">{texts["answered"]}</span>')
        else:
            flags.append(f'<span class="flag ">{texts["question"]}</span>')
    if context["access"].can_moderate:
        space = context["space"]
        action = escape(cached_reverse("spaces:moderate_thread", space.slug, thread.pk))
        pin = ("unpin", texts["unpin"]) if thread.is_pinned else ("pin", texts["pin"])
        lock = ("unlock", texts["unlock"]) if thread.is_locked else ("lock", texts["lock"])
        buttons = "\n".join(
            f'<button type="submit" name="action" value="{value}" '
            f'class="button button-small button-secondary">{label}</button>'
            for value, label in (pin, lock)
        )
        flags.append(
            f'<form method="post" action="{action}" class="inline-form">\n'
            f"{csrf_input(context)}\n{buttons}\n</form>"
        )
    actions = "\n".join(flags)
    return SafeString(
        f'<header class="page-title">\n<h1>{escape(thread.title)}</h1>\n'
        f'<div class="actions">\n{actions}\n</div>\n</header>'
    )


@register.simple_tag(takes_context=True)
def reply_section(context, thread, form):
    """The context gives `space` and `access` (spaces.permissions)."""
    access = context["access"]
    texts = _thread_texts(get_language())
    if access.can_post and not thread.is_locked or access.can_moderate:
        space = context["space"]
        action = escape(thread.get_absolute_url())
        mentions = escape(cached_reverse("spaces:mentions", space.slug))
        return SafeString(
            '<section aria-labelledby="reply-heading">\n'
            f'<h2 id="reply-heading">{texts["reply"]}</h2>\n'
            f'<form method="post" action="{action}" class="stacked" '
            'enctype="multipart/form-data" novalidate>\n'
            f"{csrf_input(context)}\n"
            f'<div data-mentions="{mentions}">\n{kept_field(form["body"])}\n'
            '<div class="mention-suggestions" data-mention-list aria-live="polite"></div>\n'
            f"</div>\n{kept_field(form['attachments'])}\n"
            f'<button type="submit" class="button">{texts["send"]}</button>\n'
            "</form>\n</section>"
        )
    if thread.is_locked:
        return SafeString(f'<p class="callout">{texts["locked callout"]}</p>')
    if access.can_join:
        return SafeString(f'<p class="callout">{texts["join"]}</p>')
    return ""


@lru_cache(maxsize=8)
def _thread_texts(_language):
    """The texts of a thread's page, escaped, kept per language."""
    return {
        name: escape(text)
        for name, text in (
            ("pinned", gettext("Pinned")),
            ("locked", gettext("Locked")),
            ("answered", gettext("Answered")),
            ("question", gettext("Question")),
            ("pin", gettext("Pin")),
            ("unpin", gettext("Unpin")),
            ("lock", gettext("Lock")),
            ("unlock", gettext("Unlock")),
            ("reply", gettext("Reply")),
            ("send", gettext("Send my reply")),
            ("locked callout", gettext("This thread is locked: no new replies.")),
            ("join", gettext("Join the space to reply.")),
        )
    }
