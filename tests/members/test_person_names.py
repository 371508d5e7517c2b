"""A person read as columns (PERSON_COLUMNS) is named by the one rule (members.permissions.
name_for) whether the page builds their models (person_from_columns) or not
(person_name_from_columns, the home feed)."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from members.models import User
from members.permissions import name_for
from members.queries import person_columns, person_from_columns, person_name_from_columns
from tests.factories import UserFactory


def columns_of(user):
    return User.objects.filter(pk=user.pk).values_list(*PERSON).get()


PERSON = tuple(column.removeprefix("x__") for column in person_columns("x"))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_person_is_named_from_columns_as_from_models(alice, bob, staff, language):
    viewers = [AnonymousUser(), alice, staff]
    for visibility, active in itertools.product(["public", "members", "hidden"], [True, False]):
        bob.is_active = active
        bob.save()
        bob.profile.visibility = visibility
        bob.profile.save()
        for viewer, as_author, person in itertools.product(
            [*viewers, bob], [True, False], [columns_of(bob), (None,) * 6]
        ):
            with translation.override(language):
                expected = name_for(viewer, person_from_columns(person), as_author=as_author)
                named = person_name_from_columns(viewer, person, as_author=as_author)
            assert named == expected, (visibility, active, viewer, as_author)


def test_a_hidden_author_is_named_in_the_feed_and_a_former_member_is_not(alice, bob):
    hidden = UserFactory(profile__display_name="Hélène Cachemire", profile__visibility="hidden")
    assert person_name_from_columns(alice, columns_of(hidden), as_author=True) == (
        "Hélène Cachemire"
    )
    assert person_name_from_columns(alice, columns_of(hidden)) != "Hélène Cachemire"
    hidden.is_active = False
    hidden.save()
    with translation.override("en"):
        assert person_name_from_columns(alice, columns_of(hidden), as_author=True) == (
            "A former member"
        )
