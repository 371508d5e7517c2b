"""Tags read through common.tags.TagManager: the same tags, in the order they were given,
prefetched or not."""

import pytest

from members.models import Profile
from tests.factories.members import InterestFactory, UserFactory
from tests.helpers import counting_queries

pytestmark = pytest.mark.django_db


def test_a_profiles_tags_read_alone_come_in_the_order_they_were_given():
    profile = UserFactory().profile
    later, earlier = InterestFactory(name="Zèbre"), InterestFactory(name="Abeille")
    profile.interests.add(later)
    profile.interests.add(earlier)
    assert [tag.name for tag in profile.interests.all()] == ["Zèbre", "Abeille"]
    assert list(profile.interests.filter(name="Abeille")) == [earlier]
    assert profile.interests.count() == 2


def test_prefetched_tags_cost_no_query_per_object():
    interest = InterestFactory(name="Gouvernance")
    for _ in range(5):
        UserFactory().profile.interests.add(interest)
    with counting_queries() as queries:
        profiles = list(Profile.objects.prefetch_related("interests"))
        names = [[tag.name for tag in profile.interests.all()] for profile in profiles]
    assert len(queries) == 2
    assert names == [["Gouvernance"]] * 5


def test_a_profiles_three_kinds_of_tags_are_read_in_one_query():
    from common.tags import read_tags
    from tests.factories.members import SkillFactory

    profile = UserFactory().profile
    profile.interests.add(InterestFactory(name="Zèbre"), InterestFactory(name="Abeille"))
    profile.skills_offered.add(SkillFactory(name="Comptabilité"))
    profile = Profile.objects.get(pk=profile.pk)
    with counting_queries() as queries:
        read_tags(profile, "interests", "skills_offered", "skills_sought")
        interests = [tag.name for tag in profile.interests.all()]
        offered = [tag.name for tag in profile.skills_offered.all()]
        sought = list(profile.skills_sought.all())
    assert len(queries) == 1
    assert interests == ["Zèbre", "Abeille"]
    assert offered == ["Comptabilité"]
    assert sought == []
