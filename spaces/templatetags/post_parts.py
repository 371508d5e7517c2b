"""Parts of a thread page that repeat with every post, written here rather than included:
a long thread shows thirty posts, and a template per post's reaction bar cost half of
their rendering.

    {% load post_parts %}
    {% reactions post kind reactions can_react %}   the reaction bar (counts, the picker)
    {% post post kind reactions files %}             a post: author, body, files, actions
    {% reply_items replies thread can_accept %}      a page of replies, each in its <li>
"""

from functools import lru_cache

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from common.fasthtml import csrf_input, escape, format_html, format_html_join
from common.templatetags.moments import moment
from common.urls import cached_reverse
from members.templatetags import people
from members.templatetags.people import avatar
from spaces.models import Reaction

register = template.Library()


@register.simple_tag(takes_context=True)
def reactions(context, post, kind, counts, can_react):
    """The bar's id is the HTMX target of the picker's form (spaces.views.posts.react)."""
    bar = f"reactions-{kind}-{post.pk}"
    shown = format_html_join(
        "",
        '<span class="reaction{}">{} <span class="count">{}</span></span>',
        ((" reaction-mine" if mine else "", emoji, count) for emoji, count, mine in counts),
    )
    picker = ""
    if can_react:
        action = cached_reverse("spaces:react", context["space"].slug, kind, post.pk)
        picker = format_html(
            '<form method="post" action="{}" class="inline-form react-form" hx-post="{}" '
            'hx-target="#{}" hx-swap="outerHTML">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">{}</form>',
            action,
            action,
            bar,
            context.get("csrf_token", ""),
            _buttons(get_language()),
        )
    return format_html('<div class="reactions" id="{}">{}{}</div>', bar, shown, picker)


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
    access = context["access"]
    author = post.author
    meta = format_html(
        '<div class="post-meta">{}<div>{}<p class="muted">{}{}</p></div></div>',
        avatar(author.profile, "small") if author is not None and author.is_active else "",
        people.author(context, author),
        moment(context, post.created_at, "DATETIME_FORMAT"),
        format_html(" · <span>{}</span>", gettext("edited"))
        if post.edited_at and not post.is_deleted
        else "",
    )
    if post.is_deleted:
        return format_html(
            '{}<p class="muted deleted">{}</p>',
            meta,
            gettext("This message was deleted by its author."),
        )
    if post.is_hidden and not access.can_moderate:
        return format_html(
            '{}<p class="muted deleted">{}</p>',
            meta,
            gettext("This message is hidden by a moderator."),
        )
    return format_html(
        '{}{}<div class="post-body">{}</div>{}{}<p class="post-actions">{}</p>',
        meta,
        format_html('<p class="flag">{}</p>', gettext("Hidden from members"))
        if post.is_hidden
        else "",
        mark_safe(post.body_html),  # noqa: S308 - sanitized when written (common.markdown)
        _attachments(context["space"], files),
        reactions(context, post, kind, counts, access.can_post),
        _actions(context, post, kind, access),
    )


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


def _actions(context, post, kind, access):
    slug = context["space"].slug
    user = context["user"]
    token = context.get("csrf_token", "")
    parts = []
    if post.author_id == user.pk and access.can_post:
        parts.append(
            format_html(
                '<a href="{}">{}</a><form method="post" action="{}" class="inline-form">'
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<button type="submit" class="link-button">{}</button></form>',
                cached_reverse("spaces:post_edit", slug, kind, post.pk),
                gettext("Edit"),
                cached_reverse("spaces:post_delete", slug, kind, post.pk),
                token,
                gettext("Delete"),
            )
        )
    elif post.author_id != user.pk:
        parts.append(
            format_html(
                '<a href="{}">{}</a>',
                cached_reverse("spaces:report", slug, kind, post.pk),
                gettext("Report"),
            )
        )
    if access.can_moderate:
        action, label = (
            ("restore", gettext("Restore")) if post.is_hidden else ("hide", gettext("Hide"))
        )
        parts.append(
            format_html(
                '<form method="post" action="{}" class="inline-form">'
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<input type="hidden" name="next" value="{}">'
                '<button type="submit" name="action" value="{}" class="link-button">{}</button>'
                "</form>",
                cached_reverse("spaces:moderate_item", slug, kind, post.pk),
                token,
                context["request"].get_full_path(),
                action,
                label,
            )
        )
    return format_html_join(" ", "{}", ((part,) for part in parts))


@register.simple_tag(takes_context=True)
def reply_items(context, replies, thread, can_accept):
    """The <li> of each (reply, reactions, files) on a thread's page: the post, the flag of
    the accepted answer, and the form to accept it (or take it back) where `can_accept`."""
    token = csrf_input(context)
    accept_url = cached_reverse("spaces:accept", context["space"].slug, thread.pk)
    accepted_flag = format_html('<p class="flag flag-ok">{}</p>', gettext("Accepted answer"))
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
                f'<form method="post" action="{escape(accept_url)}" class="inline-form">'
                f"{token}{button}</form>"
            )
        items.append(
            f'<li id="reply-{reply.pk}" class="post{" accepted" if accepted else ""}">'
            f"{accepted_flag if accepted else ''}{post(context, reply, 'reply', counts, files)}"
            f"{form}</li>"
        )
    return SafeString("\n".join(items))
