"""@handle mentions: find the members named in a post, and link their names."""

import re

from django.conf import settings
from django.db.models import Q
from django.utils import translation

from members.models import Profile
from members.permissions import listed_profiles
from spaces.models import Membership, Space

MENTION = re.compile(r"(?<![\w@/.])@([a-z0-9][a-z0-9-]{0,59})\b")
MAX_MENTIONS = 20
LONGEST_NAME = max(
    Profile._meta.get_field("display_name").max_length,
    Profile._meta.get_field("handle").max_length,
)


def mentionable(author, profiles):
    """Whom an author may @mention: active members the author may see in lists (never a
    hidden profile, members.permissions' rule)."""
    return listed_profiles(author, profiles).filter(user__is_active=True)


def mentioned_profiles(body, space, author):
    """Members named in the body whom the author may mention and who may read the space
    (at most MAX_MENTIONS)."""
    handles = list(dict.fromkeys(MENTION.findall(body or "")))[:MAX_MENTIONS]
    if not handles:
        return []
    profiles = mentionable(author, Profile.objects.filter(handle__in=handles)).select_related(
        "user"
    )
    if space.visibility != Space.Visibility.OPEN:
        profiles = profiles.filter(
            user__space_memberships__space=space,
            user__space_memberships__state=Membership.State.ACTIVE,
        )
    return list(profiles)


def link_mentions(body, profiles):
    """Turn each known @handle into a Markdown link to the member's profile.

    The stored link has no language prefix: it is the same for every reader."""
    with translation.override(settings.LANGUAGE_CODE):
        urls = {profile.handle: profile.get_absolute_url() for profile in profiles}
    if not urls:
        return body

    def link(match):
        handle = match.group(1)
        return f"[@{handle}]({urls[handle]})" if handle in urls else match.group(0)

    return MENTION.sub(link, body)


def mention_suggestions(space, query, *, viewer, limit=8):
    """Members who may read the space whose name or handle starts like the query."""
    query = (query or "").strip().lstrip("@")
    if not query or len(query) > LONGEST_NAME or "\x00" in query:
        return []  # nothing to look for, longer than any name, or a NUL no name holds
    profiles = (
        mentionable(viewer, Profile.objects.filter(handle__isnull=False))
        .exclude(user=viewer)
        .filter(Q(handle__istartswith=query) | Q(display_name__icontains=query))
    )
    if space.visibility != Space.Visibility.OPEN:
        profiles = profiles.filter(
            user__space_memberships__space=space,
            user__space_memberships__state=Membership.State.ACTIVE,
        )
    return list(profiles.order_by("display_name")[:limit])
