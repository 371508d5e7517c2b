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


def test_the_home_page_reads_its_cache_in_one_round_trip_and_ranks_spaces_for_my_interests(
    client, alice, dan
):
    """The home page reads what it keeps (the summary, the ranking of the spaces it
    suggests) in one get_many; a ranking kept for other interests is ranked anew."""
    from unittest import mock

    from members.models import Interest
    from tests.factories import make_space

    make_space("Jardins", owner=alice, interests=["Sécurité alimentaire"])
    make_space("Théâtre", owner=alice, interests=["Arts et culture"])
    client.force_login(dan)

    def suggested():
        return [space.name for space in client.get("/en/").context["suggested_spaces"]]

    assert suggested() == ["Jardins"]
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many:
        assert suggested() == ["Jardins"]
    home_keys = [call.args[0] for call in get_many.call_args_list]
    assert [key for keys in home_keys for key in keys if key.startswith("spaces:")] == [
        f"spaces:suggested-links:{dan.pk}:4"
    ]
    assert cache.get(f"spaces:suggested-links:{dan.pk}:4")[0] == tuple(
        sorted(dan.profile.interests.values_list("pk", flat=True))
    )
    dan.profile.interests.set([Interest.objects.get_or_create(name="Arts et culture")[0]])
    assert suggested() == ["Théâtre"]
