"""Membership tiers and the periods of each member's membership."""

from datetime import date

import pytest
from django.db.utils import IntegrityError
from django.urls import reverse

from members.models import Membership, MembershipTier


@pytest.fixture
def tier(db):
    return MembershipTier.objects.create(name="Organisme membre")


def test_a_membership_is_active_within_its_period(tier, alice):
    membership = Membership.objects.create(
        user=alice, tier=tier, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )
    assert membership.is_active(date(2026, 6, 1))
    assert not membership.is_active(date(2027, 1, 1))
    assert list(Membership.objects.active(date(2026, 12, 31))) == [membership]
    assert not Membership.objects.active(date(2025, 12, 31)).exists()


def test_an_open_ended_membership_stays_active(tier, alice):
    Membership.objects.create(user=alice, tier=tier, starts_on=date(2020, 1, 1))
    assert Membership.objects.active(date(2040, 1, 1)).count() == 1


def test_a_membership_cannot_end_before_it_starts(tier, alice):
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            user=alice, tier=tier, starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 1)
        )


def test_staff_see_each_tier_with_its_active_members(staff_client, tier, alice, bob):
    Membership.objects.create(user=alice, tier=tier)
    Membership.objects.create(
        user=bob, tier=tier, starts_on=date(2020, 1, 1), ends_on=date(2021, 1, 1)
    )
    response = staff_client.get(reverse("admin:members_membershiptier_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_list[0].active_count == 1


def test_members_cannot_open_the_tiers_admin(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:members_membershiptier_changelist"))
    assert response.status_code == 302
