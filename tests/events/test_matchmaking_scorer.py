"""The plain scorer (`score` and `best_matches`, used for one viewer) and the fast path
that ranks everyone at once give the same suggestions, in the same order, with the same
scores and reasons, whatever the attendees hold."""

import random

import pytest

from events import matchmaking
from events.matchmaking import Attendee, Matchmaker
from tests.factories import UserFactory
from tests.helpers import attend


def random_attendees(rng, count, *, interests=12, skills=6, most=6):
    """`count` attendees with random tags from small pools (many ties), some with none,
    some who may not be suggested; user ids not in order and with gaps."""
    user_ids = rng.sample(range(1, count * 5), count)
    return [
        Attendee(
            user_id=user_id,
            suggestable=rng.random() > 0.2,
            interests=frozenset(rng.sample(range(interests), rng.randint(0, most))),
            offered=frozenset(rng.sample(range(skills), rng.randint(0, min(most, skills) // 2))),
            sought=frozenset(rng.sample(range(skills), rng.randint(0, min(most, skills) // 2))),
        )
        for user_id in user_ids
    ]


def random_meetings(rng, attendees, count):
    """{user id: ids met}, both ways, as Matchmaker.for_event reads them."""
    met = {}
    for _ in range(count):
        one, other = rng.sample(attendees, 2)
        met.setdefault(one.user_id, set()).add(other.user_id)
        met.setdefault(other.user_id, set()).add(one.user_id)
    return met


def plain_for_each(matchmaker, limit):
    return {
        attendee.user_id: matchmaker.suggestions_for(attendee.user_id, limit=limit)
        for attendee in matchmaker.attendees
    }


def described(suggestions):
    return {
        user_id: [
            (s.user_id, s.score, s.shared_interests, s.can_help_you, s.looking_for) for s in ranked
        ]
        for user_id, ranked in suggestions.items()
    }


@pytest.mark.parametrize("seed", range(40))
def test_the_plain_scorer_ranks_as_the_fast_path_does(seed):
    rng = random.Random(seed)
    attendees = random_attendees(rng, rng.randint(2, 80))
    matchmaker = Matchmaker(attendees, random_meetings(rng, attendees, rng.randint(0, 30)))
    limit = rng.choice([1, 3, 20, 100])
    fast = matchmaker.suggestions_for_all(limit=limit)
    assert described(plain_for_each(matchmaker, limit)) == described(fast)


def test_past_255_points_the_plain_scorer_still_ranks_as_the_fast_path_does():
    """The fast path's lanes widen to two bytes: the order stays the plain one."""
    rng = random.Random(255)
    attendees = random_attendees(rng, 30, interests=400, skills=120, most=300)
    matchmaker = Matchmaker(attendees, random_meetings(rng, attendees, 10))
    fast = matchmaker.suggestions_for_all(limit=20)
    assert max(s.score for ranked in fast.values() for s in ranked) > 255
    assert described(plain_for_each(matchmaker, 20)) == described(fast)


def test_the_plain_scorer_counts_interests_once_and_skills_twice_in_either_direction():
    me = Attendee(
        1, True, interests=frozenset({1, 2, 3}), offered=frozenset({7}), sought=frozenset({8})
    )
    them = Attendee(
        2, True, interests=frozenset({2, 3, 4}), offered=frozenset({8, 9}), sought=frozenset({7})
    )
    assert matchmaking.score(me, them) == 2 * matchmaking.INTEREST_WEIGHT + 2 * (
        matchmaking.SKILL_WEIGHT
    )


def test_the_plain_scorer_breaks_ties_by_user_id_and_leaves_out_nothing_in_common():
    me = Attendee(5, True, interests=frozenset({1}))
    others = [
        Attendee(9, True, interests=frozenset({1})),
        Attendee(3, True, interests=frozenset({1})),
        Attendee(4, True, interests=frozenset({2})),
        Attendee(7, True, interests=frozenset({1}), offered=frozenset()),
    ]
    ranked = matchmaking.best_matches(me, others, limit=2)
    assert [(points, other.user_id) for points, other in ranked] == [(1, 3), (1, 7)]


def test_an_event_s_attendees_get_the_same_suggestions_one_by_one_as_all_at_once(fair):
    rng = random.Random(2026)
    interests = [f"Thème {n}" for n in range(8)]
    skills = [f"Savoir-faire {n}" for n in range(4)]
    people = [
        UserFactory(
            profile__interests=rng.sample(interests, rng.randint(0, 4)),
            profile__skills_offered=rng.sample(skills, rng.randint(0, 2)),
            profile__skills_sought=rng.sample(skills, rng.randint(0, 2)),
        )
        for _ in range(25)
    ]
    attend(fair, *people)
    everyone = matchmaking.suggestions_for_all(fair, limit=5)
    assert set(everyone) == {person.pk for person in people}
    for person in people:
        assert described({person.pk: matchmaking.suggestions_for(fair, person, limit=5)}) == (
            described({person.pk: everyone[person.pk]})
        )
