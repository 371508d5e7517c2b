"""Suggested people to meet: ranked by shared interests and complementary skills, with the
reasons; never oneself, the opted-out, hidden profiles, or people not (or no longer) coming."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import matchmaking, services
from events.models import Registration
from events.services import meetings
from members.models import Profile
from tests.factories import UserFactory
from tests.helpers import attend

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def names(suggestions):
    return [Profile.objects.get(user_id=s.user_id).display_name for s in suggestions]


def test_attendees_are_ranked_by_interests_and_complementary_skills(fair, alice, bob, dan):
    # Alice looks for accounting: Bob offers it and shares a garden interest; Dan shares one
    # interest only.
    alice.profile.skills_sought.set(["Comptabilité"])
    attend(fair, alice, bob, dan)
    suggestions = matchmaking.suggestions_for(fair, alice)
    assert names(suggestions) == ["Bob Gagnon", "Dan Côté"]
    assert [s.score for s in suggestions] == [
        matchmaking.INTEREST_WEIGHT + matchmaking.SKILL_WEIGHT,
        matchmaking.INTEREST_WEIGHT,
    ]


def test_the_reasons_are_named_in_words(alice_client, alice, bob, fair):
    alice.profile.skills_sought.set(["Comptabilité"])
    alice.profile.skills_offered.set(["Graphisme"])
    bob.profile.skills_sought.set(["Graphisme"])
    attend(fair, alice, bob)
    page = alice_client.get(reverse("events:people", args=[fair.slug])).content.decode()
    assert "You both care about Jardins communautaires" in page
    assert "Can help you with Comptabilité" in page
    assert "Looking for Graphisme, which you offer" in page


def test_reasons_are_returned_as_data(fair, alice, bob):
    alice.profile.skills_sought.set(["Comptabilité"])
    attend(fair, alice, bob)
    [detail] = matchmaking.with_details(matchmaking.suggestions_for(fair, alice), alice)
    assert detail.profile.display_name == "Bob Gagnon"
    assert detail.shared_interests == ["Jardins communautaires"]
    assert detail.can_help_you == ["Comptabilité"]
    assert detail.looking_for == []


def test_ties_are_broken_the_same_way_every_time(fair, alice):
    others = [
        UserFactory(email=f"tie{n}@example.org", profile__interests=["Jardins communautaires"])
        for n in range(5)
    ]
    attend(fair, alice, *reversed(others))
    suggestions = matchmaking.suggestions_for(fair, alice)
    assert [s.user_id for s in suggestions] == sorted(user.pk for user in others)


def test_nobody_is_suggested_to_themself_nor_without_anything_in_common(fair, alice, carol):
    attend(fair, alice, carol)  # Carol has no interests at all
    assert matchmaking.suggestions_for(fair, alice) == []
    assert matchmaking.suggestions_for(fair, carol) == []


def test_an_attendee_who_opted_out_is_not_suggested(fair, alice, bob, dan):
    attend(fair, alice, bob, dan)
    Registration.objects.filter(event=fair, user=bob).update(suggest_me=False)
    assert names(matchmaking.suggestions_for(fair, alice)) == ["Dan Côté"]
    # Bob still gets his own suggestions.
    assert names(matchmaking.suggestions_for(fair, bob)) == ["Alice Tremblay"]


def test_hidden_profiles_are_never_suggested(fair, alice, bob, dan):
    attend(fair, alice, bob, dan)
    Profile.objects.filter(user=bob).update(visibility=Profile.Visibility.HIDDEN)
    assert names(matchmaking.suggestions_for(fair, alice)) == ["Dan Côté"]


def test_inactive_accounts_are_never_suggested(fair, alice, bob, dan):
    attend(fair, alice, bob, dan)
    bob.is_active = False
    bob.save()
    assert names(matchmaking.suggestions_for(fair, alice)) == ["Dan Côté"]


def test_only_confirmed_attendees_are_suggested(make_event, alice, bob, dan):
    small = make_event(capacity=2)
    attend(small, alice, dan, bob)  # Bob is on the waiting list
    assert names(matchmaking.suggestions_for(small, alice)) == ["Dan Côté"]
    services.cancel(registration=Registration.objects.get(event=small, user=dan))
    # Dan's seat went to Bob.
    assert names(matchmaking.suggestions_for(small, alice)) == ["Bob Gagnon"]


def test_people_already_asked_are_not_suggested_again(fair, alice, bob, dan):
    attend(fair, alice, bob, dan)
    meetings.request_meeting(
        event=fair, requester=alice, invitee=bob, starts_at=fair.starts_at, message=""
    )
    assert names(matchmaking.suggestions_for(fair, alice)) == ["Dan Côté"]
    assert names(matchmaking.suggestions_for(fair, bob)) == []


def test_suggestions_for_everyone_match_suggestions_for_each(fair, alice, bob, carol, dan):
    alice.profile.skills_offered.set(["Comptabilité", "Graphisme"])
    dan.profile.skills_sought.set(["Graphisme"])
    attend(fair, alice, bob, carol, dan)
    everyone = matchmaking.suggestions_for_all(fair)
    assert set(everyone) == {alice.pk, bob.pk, carol.pk, dan.pk}
    for user in (alice, bob, carol, dan):
        assert everyone[user.pk] == matchmaking.suggestions_for(fair, user)
    assert [s.user_id for s in everyone[dan.pk]] == [alice.pk]
    assert everyone[dan.pk][0].score == matchmaking.INTEREST_WEIGHT + matchmaking.SKILL_WEIGHT


def test_many_tags_still_rank_correctly(fair, alice, bob, dan):
    """Past 255 points a lane is wider: the ranking stays exact."""
    many = [f"Sujet {n}" for n in range(300)]
    alice.profile.interests.set(many)
    bob.profile.interests.set(many[:280])
    dan.profile.interests.set(many[:5])
    attend(fair, alice, bob, dan)
    assert [s.score for s in matchmaking.suggestions_for(fair, alice)] == [280, 5]


def test_suggestions_for_everyone_take_a_constant_number_of_queries(fair):
    def grow(start, stop):
        for n in range(start, stop):
            user = UserFactory(
                email=f"crowd{n}@example.org", profile__interests=[f"Sujet {n % 7}", "Commun"]
            )
            services.register(event=fair, user=user)

    grow(0, 3)
    with CaptureQueriesContext(connection) as small:
        matchmaking.suggestions_for_all(fair)
    grow(3, 30)
    with CaptureQueriesContext(connection) as large:
        everyone = matchmaking.suggestions_for_all(fair)
    assert len(small) == len(large) == 3
    assert all(len(suggestions) == 20 for suggestions in everyone.values())


def test_kept_suggestions_still_follow_registrations_and_hidden_profiles(fair, alice, bob, dan):
    """Suggestions are kept a few minutes: a profile hidden meanwhile is not shown, and a
    registration cancelled ranks everyone again."""
    attend(fair, alice, bob, dan)

    def shown():
        suggestions = matchmaking.suggestions_for(fair, alice)
        return sorted(d.profile.display_name for d in matchmaking.with_details(suggestions, alice))

    assert shown() == ["Bob Gagnon", "Dan Côté"]
    dan.profile.visibility = "hidden"
    dan.profile.save()
    assert shown() == ["Bob Gagnon"]
    services.cancel(registration=Registration.objects.get(event=fair, user=bob))
    assert matchmaking.suggestions_for(fair, alice) == []
