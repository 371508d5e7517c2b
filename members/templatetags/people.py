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
{% member_cards cards %}   the cards of a list, (Card, shared) pairs
{% member_count count %}   "N members"
{% region_name code %}     a region's name
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext

from common.fasthtml import ESCAPES, escape
from common.urls import cached_reverse
from members import auth
from members.models import Profile, Region
from members.permissions import shown
from members.queries import Card

register = template.Library()


def _viewer(context):
    """The reader: the request's user, else the `viewer` or `user` the template was given,
    else a visitor (the strictest reader)."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    if viewer is not None:
        return auth.reader(request)
    viewer = context.get("viewer") or context.get("user")
    return viewer if viewer is not None else AnonymousUser()


class _Reader:
    """The reader as the rule (members.permissions.can_view_profile) reads them, copied
    once: a page names dozens of people, and request.user, a lazy object, spent two Python
    calls on each of the three attributes the rule reads, for each of them. With the
    request's script prefix and URL conf, which the handler sets once per request and a
    profile's address depends on (each read from a thread's locals in some six calls), read
    with the first link."""

    __slots__ = ("source", "is_authenticated", "pk", "is_staff", "place")

    def __init__(self, source, viewer):
        self.source = source  # what request.user was when copied
        self.is_authenticated = viewer.is_authenticated
        self.pk = viewer.pk
        self.is_staff = viewer.is_staff
        self.place = None


def _reader(context):
    """_viewer's reader as a _Reader, kept on the request while request.user is the same
    (a view that signs someone in or out replaces it)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        viewer = _viewer(context)
        return _Reader(viewer, viewer)
    kept = getattr(request, "_people_reader", None)
    if kept is None or kept.source is not user:
        kept = request._people_reader = _Reader(user, auth.reader(request))
    return kept


@register.simple_tag
def avatar(profile, size="small"):
    """Written here rather than included: pages show dozens of them. The file's address is
    kept per name (_file_url) rather than asked of the storage each time."""
    if size == "small":
        name = _file_name(profile, "avatar_thumbnail")
        if name:
            return SafeString(
                '<img class="avatar avatar-small" '
                f'src="{escape(_file_url("avatar_thumbnail", name))}" width="48" height="48"'
                ' alt="">'
            )
    elif size == "large":
        name = _file_name(profile, "avatar")
        if name:
            return SafeString(
                '<img class="avatar avatar-large" '
                f'src="{escape(_file_url("avatar", name))}" width="160" height="160" alt="">'
            )
    return SafeString(
        f'<span class="avatar avatar-{escape(size or "small")} avatar-initials"'
        f' aria-hidden="true">{escape(_initials(profile.name))}</span>'
    )


def _file_name(profile, field):
    """The name of a profile's picture, as its FieldFile gives it: the column's value as
    read from the database (a str) until the field's descriptor has made it a FieldFile,
    read through the descriptor when deferred (as profile.<field> would)."""
    value = profile.__dict__.get(field)
    if value is None and field not in profile.__dict__:
        value = getattr(profile, field)
    return value if type(value) is str else getattr(value, "name", value)


@register.simple_tag
def member_card(profile, shared):
    """A member's card (a Profile, or a members.queries.Card), with the interests shared
    with the viewer. When none is shared, the card shows the member's first interests:
    `profile.first_interests` where the page has read them, else the profile's own."""
    interests = getattr(profile, "first_interests", None)
    if not shared and interests is None:
        interests = list(profile.interests.all()[:4])
    card = profile if isinstance(profile, Card) else Card.of_profile(profile)
    return SafeString(_CardWriter().card(card, shared, interests or ()))


@register.simple_tag
def member_cards(cards):
    """The cards of a list, (Card, shared) pairs, as member_card writes them one by one:
    the directory shows dozens, and what every card shares (the words, the language's
    links, the names of the regions) is read once here rather than for each card."""
    writer = _CardWriter()
    return SafeString(
        "".join(writer.card(card, shared, card.first_interests) for card, shared in cards)
    )


@register.simple_tag
def profile_tag_facts(profile):
    """A profile's interests, skills offered and skills sought (read by common.tags.
    read_tags), each a link to the directory's members who share it, as the facts of its
    page: written here rather than as three loops of template nodes."""
    directory = escape(cached_reverse("members:directory"))
    facts = []
    for name, label, field in (
        ("interests", gettext("Interests"), "interest"),
        ("skills_offered", gettext("Can help with"), "skill"),
        ("skills_sought", gettext("Looking for"), "skill"),
    ):
        tags = getattr(profile, name).all()
        if tags:
            links = "".join(
                f'<li><a class="tag" href="{directory}?{field}={escape(tag.slug)}">'
                f"{escape(tag.name)}</a></li>"
                for tag in tags
            )
            facts.append(f'<dt>{escape(label)}</dt>\n<dd><ul class="tags">{links}</ul></dd>')
    return SafeString("\n".join(facts))


@register.simple_tag
def region_name(code):
    """A region's name in the active language (get_region_display, without the dict of
    every choice Django builds on each call); an unknown code as it is."""
    return _region_names(get_language()).get(code, code)


@register.simple_tag
def member_count(count):
    """The words "N members" as {% blocktranslate count %} prints them (the translation as
    it is, the number as a template prints it), for a fraction of its cost."""
    number = localize(count) if settings.USE_THOUSAND_SEPARATOR else str(count)
    text = ngettext("%(counter)s member", "%(counter)s members", count)
    return SafeString(text % {"counter": number.translate(ESCAPES)})


class _CardWriter:
    """Writes member cards (the markup a template per card once printed) for one page."""

    def __init__(self):
        language = get_language()
        self.in_common = escape(gettext("In common:"))
        self.regions = _region_names(language)
        place = (language, get_script_prefix(), get_urlconf())
        self.link = lambda pk: _profile_url(pk, *place)

    def card(self, card, shared, interests):
        # Every value a card prints is a plain string (a column of its row, a name, an
        # address): escaped by str.translate itself, one call each.
        name = card.name
        if card.thumbnail:
            picture = (
                '<img class="avatar avatar-small" '
                f'src="{_file_url("avatar_thumbnail", card.thumbnail).translate(ESCAPES)}"'
                ' width="48" height="48" alt="">'
            )
        else:
            picture = (
                '<span class="avatar avatar-small avatar-initials" aria-hidden="true">'
                f"{_initials(name).translate(ESCAPES)}</span>"
            )
        pronouns = (
            f' <span class="muted">({card.pronouns.translate(ESCAPES)})</span>'
            if card.pronouns
            else ""
        )
        role, organization = card.role, card.organization
        work = f"{role} · {organization}" if role and organization else role or organization
        work = f'<p class="muted">{work.translate(ESCAPES)}</p>' if work else ""
        region = (
            f'<p class="muted">{self.regions.get(card.region, card.region).translate(ESCAPES)}</p>'
            if card.region
            else ""
        )
        if shared:
            tags = "".join(
                f'<span class="tag tag-shared">{tag.name.translate(ESCAPES)}</span>'
                for tag in shared
            )
            tags = f'<p class="shared">{self.in_common} {tags}</p>'
        elif interests:
            tags = "".join(
                f'<span class="tag">{tag.name.translate(ESCAPES)}</span> ' for tag in interests
            )
            tags = f"<p>{tags}</p>"
        else:
            tags = ""
        link = self.link(card.pk).translate(ESCAPES)
        return (
            f'<li class="card member-card">{picture}<div><h3>'
            f'<a href="{link}">{name.translate(ESCAPES)}</a>'
            f"{pronouns}</h3>{work}{region}{tags}</div></li>"
        )


@lru_cache(maxsize=20000)
def _profile_url(pk, _language, _prefix, urlconf):
    """common.urls.cached_reverse of a profile, the language, script prefix and URL conf
    read once per page rather than once per card."""
    return reverse("members:profile", args=(pk,), urlconf=urlconf)


# A name's initials, kept: a directory page draws two dozen.
_initials = lru_cache(maxsize=4096)(Profile.initials_from)


@lru_cache(maxsize=8192)
def _file_url(field, name):
    """The address of an avatar or its thumbnail (what its FieldFile's url gives), kept:
    the storage joins and quotes it anew on each call, and it depends on the name and the
    storage's settings alone."""
    return Profile._meta.get_field(field).storage.url(name)


@lru_cache(maxsize=8)
def _region_names(_language):
    """{code: name} of the regions in the active language (a card prints an unknown code
    as it is)."""
    return {code: str(label) for code, label in Region.choices}


@receiver(setting_changed, dispatch_uid="members.people.forget")
def _forget(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _profile_url.cache_clear()
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _region_names.cache_clear()
    if setting in ("MEDIA_URL", "STORAGES"):
        _file_url.cache_clear()


def _names(tags):
    return ((tag.name,) for tag in tags)


def _render(context, profile, css_class, as_author):
    """A person named by the rule, linked when shown: the markup format_html wrote, with
    every value escaped by str.translate (some twenty calls fewer a person)."""
    reader = _reader(context)
    name, linked, _known = shown(reader, profile, as_author=as_author)
    name, css_class = escape(name), escape(css_class)
    if linked:
        if reader.place is None:
            reader.place = (get_script_prefix(), get_urlconf())
        url = _profile_url(profile.pk, get_language(), *reader.place)
        return SafeString(f'<a href="{escape(url)}" class="{css_class}">{name}</a>')
    return SafeString(f'<span class="{css_class}">{name}</span>')


@register.simple_tag(takes_context=True)
def person(context, profile, css_class="person"):
    return _render(context, profile, css_class, False)


@register.simple_tag(takes_context=True)
def author(context, user, css_class="author"):
    return _render(context, user.profile if user is not None else None, css_class, True)


@register.simple_tag(takes_context=True)
def person_name(context, profile, as_author=False):
    return shown(_reader(context), profile, as_author=as_author)[0]


@register.simple_tag(takes_context=True)
def author_name(context, user):
    profile = user.profile if user is not None else None
    return shown(_reader(context), profile, as_author=True)[0]
