"""{% person %}, {% author %}, {% person_name %}, {% author_name %} and {% avatar %} print
what members.permissions' one rule shows, for every kind of reader (a visitor, a member,
staff, the person themself) and of person (a public, members-only or hidden profile, a
deactivated account, a deleted one), the reader read from the request (as a page's
middleware leaves it, lazily) or from the context's `viewer`. The expected output is
written from the rule's words, not from the code."""

import html

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from members.models import Profile
from members.permissions import can_view_profile, name_for, shown_person
from tests.factories import UserFactory

NAME = "Zoé <b>&\"'"
ESCAPED = "Zoé &lt;b&gt;&amp;&quot;&#x27;"

TAGS = Template(
    "{% load people %}"
    "[{% person profile %}]"
    '[{% person profile "tag" %}]'
    "[{% author user %}]"
    "[{% person_name profile %}]"
    "[{% person_name profile as_author=True %}]"
    "[{% author_name user %}]"
)


def _former_member():
    gone = "A former member"
    return [
        f'<span class="person">{gone}</span>',
        f'<span class="tag">{gone}</span>',
        f'<span class="author">{gone}</span>',
        gone,
        gone,
        gone,
    ]


def expected(reader, kind, url):
    """What each tag prints, from the rule's words: staff and the person themself see every
    profile; a deactivated account is a former member to anyone else; a public profile is
    seen by all, a members-only one by members; an author is named (not linked) where the
    profile is not seen; a deleted account is a former member."""
    if kind == "deleted":
        return _former_member()
    seen = reader in ("staff", "self") or (
        kind == "public" or (kind == "members" and reader == "member")
    )
    if seen:
        return [
            f'<a href="{url}" class="person">{ESCAPED}</a>',
            f'<a href="{url}" class="tag">{ESCAPED}</a>',
            f'<a href="{url}" class="author">{ESCAPED}</a>',
            ESCAPED,
            ESCAPED,
            ESCAPED,
        ]
    if kind == "inactive":
        return _former_member()
    return [
        '<span class="person">A member</span>',
        '<span class="tag">A member</span>',
        f'<span class="author">{ESCAPED}</span>',
        "A member",
        ESCAPED,
        ESCAPED,
    ]


def person_of(kind):
    if kind == "deleted":
        return None
    user = UserFactory(
        profile__display_name=NAME,
        profile__visibility="public" if kind == "inactive" else kind,
        is_active=kind != "inactive",
    )
    return user


def readers(person):
    member = UserFactory(profile__display_name="Membre")
    staff = UserFactory(profile__display_name="Équipe", is_staff=True)
    return {
        "visitor": AnonymousUser(),
        "member": member,
        "staff": staff,
        **({"self": person} if person is not None else {}),
    }


def rendered(context):
    with translation.override("en"):
        return TAGS.render(Context(context)).removeprefix("[").removesuffix("]").split("][")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["public", "members", "hidden", "inactive", "deleted"])
@pytest.mark.parametrize("through", ["request", "lazy request", "viewer"])
def test_the_tags_show_a_person_by_the_rule(kind, through):
    person = person_of(kind)
    profile = person.profile if person is not None else None
    url = f"/en/members/{profile.pk}/" if profile is not None else ""
    for name, reader in readers(person).items():
        context = {"profile": profile, "user": person}
        if through == "viewer":
            context["viewer"] = reader
        else:
            request = RequestFactory().get("/")
            lazy = through == "lazy request"
            request.user = SimpleLazyObject(lambda r=reader: r) if lazy else reader
            context["request"] = request
        # The same page names the person twice: what is read once is read right.
        assert rendered(context) == expected(name, kind, url), (name, kind)
        assert rendered(context) == expected(name, kind, url), (name, kind)


@pytest.mark.django_db
def test_the_tags_follow_the_reader_when_the_request_changes_hands():
    """A page that signs someone in or out names people for whom it now serves."""
    hidden = person_of("hidden")
    staff = UserFactory(is_staff=True)
    request = RequestFactory().get("/")
    request.user = SimpleLazyObject(lambda: staff)
    context = {"request": request, "profile": hidden.profile, "user": hidden}
    assert rendered(context)[0].startswith("<a ")
    request.user = AnonymousUser()
    assert rendered(context)[0] == '<span class="person">A member</span>'


@pytest.mark.django_db
def test_the_rule_in_python_agrees_with_the_tags():
    """shown_person, can_view_profile and name_for, called by other apps, say the same."""
    for kind in ["public", "members", "hidden", "inactive", "deleted"]:
        person = person_of(kind)
        profile = person.profile if person is not None else None
        url = f"/en/members/{profile.pk}/" if profile is not None else ""
        for name, reader in readers(person).items():
            tags = expected(name, kind, url)
            with translation.override("en"):
                shown = shown_person(reader, profile)
                assert shown.url == (url if tags[0].startswith("<a ") else "")
                assert shown.known == bool(shown.url)
                assert name_for(reader, person, as_author=True) == html.unescape(tags[5])
                if profile is not None:
                    assert can_view_profile(reader, profile) == tags[0].startswith("<a ")


@pytest.mark.django_db
@pytest.mark.parametrize("size", ["small", "large"])
def test_an_avatar_is_its_picture_or_the_initials(size, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(profile__display_name="Zoé Lévesque-Roy")
    template = Template('{% load people %}{% avatar profile "' + size + '" %}')
    assert template.render(Context({"profile": user.profile})) == (
        f'<span class="avatar avatar-{size} avatar-initials" aria-hidden="true">ZL</span>'
    )
    Profile.objects.filter(pk=user.profile.pk).update(
        avatar="avatars/a b&c.webp", avatar_thumbnail="avatars/thumbs/a b&c.webp"
    )
    for profile in [
        Profile.objects.get(pk=user.profile.pk),
        Profile.objects.select_related("user").get(pk=user.profile.pk),
    ]:
        field = profile.avatar_thumbnail if size == "small" else profile.avatar
        px = 48 if size == "small" else 160
        url = field.url.replace("&", "&amp;")
        assert template.render(Context({"profile": profile})) == (
            f'<img class="avatar avatar-{size}" src="{url}" width="{px}" height="{px}" alt="">'
        )
