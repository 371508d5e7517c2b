"""members.queries.home_summary reads in one go what the home page asked of each query."""

from django.core.cache import cache

from members import queries


def summary_as_separate_reads(user):
    return (
        queries.name_of(user),
        queries.interest_ids_of(user),
        [(card.pk, card.shared) for card in queries.members_sharing_interests(viewer=user)],
        queries.popular_interests(),
    )


def summary_in_one_read(user):
    summary = queries.home_summary(user)
    return (
        summary.name,
        summary.interest_ids,
        [(card.pk, card.shared) for card in summary.people_to_meet],
        summary.popular_interests,
    )


def test_the_home_summary_is_what_each_query_gives(alice, bob, carol, dan):
    for user in (alice, bob, carol):
        expected = summary_as_separate_reads(user)
        assert summary_in_one_read(user) == expected  # kept by the separate reads
        cache.clear()
        assert summary_in_one_read(user) == expected  # read and kept by the summary
        assert summary_as_separate_reads(user) == expected


def test_a_ranking_kept_for_other_interests_is_ranked_anew(alice, bob, dan):
    before = summary_in_one_read(alice)[2]
    alice.profile.interests.remove("Sécurité alimentaire")
    after = summary_in_one_read(alice)[2]
    assert [pk for pk, _ in before] == [bob.profile.pk, dan.profile.pk]
    assert [pk for pk, _ in after] == [bob.profile.pk]
