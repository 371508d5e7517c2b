"""Member cards ({% member_card %}, {% member_cards %}) print the markup the template per
card printed, whether read as models or as rows (members.queries.Card)."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext

from members.models import Profile
from members.queries import CARD_COLUMNS, Card, NamedInterest, cards
from members.templatetags.people import member_card, member_cards

# What templates/components printed for a card, as a template: the reference.
CARD = Template(
    '{% load people %}<li class="card member-card">{% avatar profile "small" %}<div><h3>'
    '<a href="{{ profile.get_absolute_url }}">{{ profile.name }}</a>'
    '{% if profile.pronouns %} <span class="muted">({{ profile.pronouns }})</span>{% endif %}'
    "</h3>"
    '{% if work %}<p class="muted">{{ work }}</p>{% endif %}'
    '{% if profile.region %}<p class="muted">{{ profile.get_region_display }}</p>{% endif %}'
    '{% if shared %}<p class="shared">{{ in_common }} {% for tag in shared %}'
    '<span class="tag tag-shared">{{ tag.name }}</span>{% endfor %}</p>'
    "{% elif interests %}<p>{% for tag in interests %}"
    '<span class="tag">{{ tag.name }}</span> {% endfor %}</p>{% endif %}'
    "</div></li>"
)


def reference(profile, shared, interests):
    work = " · ".join(part for part in (profile.role, profile.organization) if part)
    return CARD.render(
        Context(
            {
                "profile": profile,
                "shared": shared,
                "interests": interests,
                "work": work,
                "in_common": gettext("In common:"),
            }
        )
    )


def card_of(profile):
    [row] = Profile.objects.filter(pk=profile.pk).values_list(*CARD_COLUMNS)
    return cards([row])[0]


@pytest.fixture
def odd(db):
    """A member whose every field needs escaping."""
    from tests.factories import UserFactory

    user = UserFactory(
        email="o'brien@example.org",
        profile__display_name="Éloïse O'Brien <Dupont> & fils",
        profile__pronouns='"elle"',
        profile__role="Chargée <de> projet",
        profile__organization="Café & Co",
        profile__region="99",
        profile__interests=["Arts & culture", "Jardins"],
    )
    return Profile.objects.select_related("user").get(user=user)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_card_prints_what_the_template_printed(odd, language):
    shared = [NamedInterest(1, "Arts & culture"), NamedInterest(2, "L'<eau>")]
    interests = list(odd.interests.all())
    with translation.override(language):
        for given in (shared, []):
            expected = reference(odd, given, interests)
            odd.first_interests = interests
            assert str(member_card(odd, given)) == expected
            card = card_of(odd)
            card.first_interests = interests
            assert str(member_cards([(card, given)])) == expected


def test_a_card_without_interests_or_region_prints_neither(alice):
    profile = alice.profile
    profile.region, profile.role, profile.organization, profile.pronouns = "", "", "", ""
    profile.save()
    profile.interests.clear()
    profile = Profile.objects.select_related("user").get(pk=profile.pk)
    expected = reference(profile, [], [])
    assert str(member_card(profile, [])) == expected
    assert str(member_cards([(card_of(profile), [])])) == expected
    assert "<p>" not in expected


def test_a_card_reads_the_profiles_first_interests_when_the_page_did_not(alice):
    profile = Profile.objects.select_related("user").get(pk=alice.profile.pk)
    assert str(member_card(profile, [])) == reference(profile, [], list(profile.interests.all()))


def test_an_unknown_region_code_is_printed_as_it_is(alice):
    card = card_of(alice.profile)
    card.region = "42"
    assert '<p class="muted">42</p>' in str(member_cards([(card, [])]))


def test_a_card_shows_the_avatars_thumbnail(alice):
    from tests.factories import image_upload

    alice.profile.avatar_thumbnail.save("thumb.jpg", image_upload(), save=True)
    profile = Profile.objects.select_related("user").get(pk=alice.profile.pk)
    expected = reference(profile, [], [])
    card = card_of(profile)
    assert card.thumbnail
    assert str(member_cards([(card, [])])) == expected
    assert f'src="{profile.avatar_thumbnail.url}"' in expected


def test_a_card_row_is_named_as_the_profile(alice):
    card = card_of(alice.profile)
    assert isinstance(card, Card)
    assert (card.name, card.user_id, card.display_name) == (
        alice.profile.name,
        alice.pk,
        "Alice Tremblay",
    )
