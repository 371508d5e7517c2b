"""The events of the demo community: what a visitor of `make run` finds."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from events.models import Event, Series
from members import demo
from members.models import Membership, MembershipTier, User


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_member_belongs_to_a_tier_and_sees_its_forum(seeded, client):
    member = User.objects.get(email=demo.MEMBER_EMAIL)
    assert Membership.objects.active().filter(user=member).exists()
    assert MembershipTier.objects.count() == 3
    forum = Event.objects.get(audience=Event.Audience.TIERS)
    client.force_login(member)
    assert client.get(forum.get_absolute_url()).status_code == 200
    assert forum.registrations.confirmed().filter(user=member).exists()
    # Some members let their membership lapse.
    lapsed = Membership.objects.exclude(user__in=Membership.objects.active().values("user"))
    assert lapsed.exists()


def test_the_demo_has_a_series_whose_dates_link_to_each_other(seeded, client):
    series = Series.objects.get()
    dates = list(series.events.order_by("starts_at"))
    assert len(dates) == 4
    client.force_login(User.objects.get(email=demo.MEMBER_EMAIL))
    page = client.get(dates[0].get_absolute_url()).content.decode()
    assert reverse("events:detail", args=[dates[1].slug]) in page


def test_seeding_twice_adds_no_event_or_membership(seeded):
    before = (Event.objects.count(), Membership.objects.count(), Series.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Event.objects.count(), Membership.objects.count(), Series.objects.count()) == before
