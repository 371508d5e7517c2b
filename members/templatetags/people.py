"""Name people on a page by members.permissions' one rule.

{% person profile %}       someone named in a list or a sentence: linked when the viewer
                           may see the profile, "A member" when not
{% author user %}          the author of what the viewer reads (a post, a message): named
                           while the account is active, linked when the profile is visible
{% person_name profile %}  the same rule as plain text (for sentences and attributes)
{% avatar profile "small" %}  a profile's picture ("small": the 48px thumbnail, "large":
                           160px), or its initials
{% member_card profile shared %}  a member's card in a list, with the interests shared
                           with the viewer
"""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext

from common.fasthtml import format_html, format_html_join
from members.models import Region
from members.permissions import shown_person

register = template.Library()


def _viewer(context):
    """The reader: the request's user, else the `viewer` or `user` the template was given,
    else a visitor (the strictest reader)."""
    request = context.get("request")
    viewer = getattr(request, "user", None) or context.get("viewer") or context.get("user")
    return viewer if viewer is not None else AnonymousUser()


@register.simple_tag
def avatar(profile, size="small"):
    """Written here rather than included: pages show dozens of them."""
    if size == "small" and profile.avatar_thumbnail:
        return format_html(
            '<img class="avatar avatar-small" src="{}" width="48" height="48" alt="">',
            profile.avatar_thumbnail.url,
        )
    if size == "large" and profile.avatar:
        return format_html(
            '<img class="avatar avatar-large" src="{}" width="160" height="160" alt="">',
            profile.avatar.url,
        )
    return format_html(
        '<span class="avatar avatar-{} avatar-initials" aria-hidden="true">{}</span>',
        size or "small",
        profile.initials,
    )


@register.simple_tag
def member_card(profile, shared):
    """A member's card, written here rather than included: the directory shows dozens (a
    template per card was a third of the page's time). When none is shared, the card shows
    the member's first interests: `profile.first_interests` where the page has read them
    (members.queries.interests_of_profiles), else the profile's own."""
    pronouns = (
        format_html(' <span class="muted">({})</span>', profile.pronouns)
        if profile.pronouns
        else ""
    )
    work = " · ".join(part for part in (profile.role, profile.organization) if part)
    if shared:
        tags = format_html(
            '<p class="shared">{} {}</p>',
            gettext("In common:"),
            format_html_join(
                "", '<span class="tag tag-shared">{}</span>', ((t.name,) for t in shared)
            ),
        )
    else:
        interests = getattr(profile, "first_interests", None)
        if interests is None:
            interests = list(profile.interests.all()[:4])
        tags = (
            format_html(
                "<p>{}</p>",
                format_html_join(
                    "", '<span class="tag">{}</span> ', ((t.name,) for t in interests)
                ),
            )
            if interests
            else ""
        )
    return format_html(
        '<li class="card member-card">{}<div><h3><a href="{}">{}</a>{}</h3>{}{}{}</div></li>',
        avatar(profile, "small"),
        profile.get_absolute_url(),
        profile.name,
        pronouns,
        format_html('<p class="muted">{}</p>', work) if work else "",
        format_html('<p class="muted">{}</p>', _region_name(profile.region))
        if profile.region
        else "",
        tags,
    )


def _region_name(code):
    """get_region_display, without the dict of every choice Django builds on each call."""
    try:
        return Region(code).label
    except ValueError:
        return code


def _names(tags):
    return ((tag.name,) for tag in tags)


def _render(shown, css_class):
    if shown.url:
        return format_html('<a href="{}" class="{}">{}</a>', shown.url, css_class, shown.name)
    return format_html('<span class="{}">{}</span>', css_class, shown.name)


@register.simple_tag(takes_context=True)
def person(context, profile, css_class="person"):
    return _render(shown_person(_viewer(context), profile), css_class)


@register.simple_tag(takes_context=True)
def author(context, user, css_class="author"):
    profile = user.profile if user is not None else None
    return _render(shown_person(_viewer(context), profile, as_author=True), css_class)


@register.simple_tag(takes_context=True)
def person_name(context, profile, as_author=False):
    return shown_person(_viewer(context), profile, as_author=as_author).name


@register.simple_tag(takes_context=True)
def author_name(context, user):
    profile = user.profile if user is not None else None
    return shown_person(_viewer(context), profile, as_author=True).name
