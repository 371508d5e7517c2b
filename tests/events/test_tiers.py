"""Events for some membership tiers: only members whose membership in one is current."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event
from members.models import Membership, MembershipTier


@pytest.fixture
def tiers(db):
    return (
        MembershipTier.objects.create(name="Organisation", position=1),
        MembershipTier.objects.create(name="Individuel", position=2),
    )


@pytest.fixture
def tier_event(make_event, tiers):
    event = make_event(slug="forum-organisations", audience=Event.Audience.TIERS)
    event.tiers.set([tiers[0]])
    return event


def test_a_member_of_the_tier_sees_and_registers(client, tier_event, tiers, alice):
    Membership.objects.create(user=alice, tier=tiers[0])
    client.force_login(alice)
    assert client.get(tier_event.get_absolute_url()).status_code == 200
    response = client.post(reverse("events:register", args=[tier_event.slug]))
    assert response.status_code == 302
    assert tier_event.registrations.confirmed().filter(user=alice).exists()


def test_a_member_of_another_tier_is_told_who_the_event_is_for(client, tier_event, tiers, bob):
    Membership.objects.create(user=bob, tier=tiers[1])
    client.force_login(bob)
    response = client.get(tier_event.get_absolute_url())
    assert response.status_code == 403
    assert "Organisation" in response.content.decode()
    response = client.post(reverse("events:register", args=[tier_event.slug]))
    assert response.status_code == 403
    assert not tier_event.registrations.exists()


def test_an_expired_membership_no_longer_opens_the_event(client, tier_event, tiers, alice):
    today = timezone.localdate()
    Membership.objects.create(
        user=alice,
        tier=tiers[0],
        starts_on=today - timedelta(days=400),
        ends_on=today - timedelta(days=35),
    )
    client.force_login(alice)
    assert client.get(tier_event.get_absolute_url()).status_code == 403


def test_the_list_shows_tier_events_to_their_members_only(client, tier_event, tiers, alice, bob):
    Membership.objects.create(user=alice, tier=tiers[0])
    Membership.objects.create(user=alice, tier=tiers[1])  # two tiers: listed once
    client.force_login(alice)
    page = client.get(reverse("events:list")).content.decode()
    assert page.count(tier_event.get_absolute_url()) >= 1
    client.force_login(bob)
    assert tier_event.get_absolute_url() not in client.get(reverse("events:list")).content.decode()
    client.logout()
    assert tier_event.get_absolute_url() not in client.get(reverse("events:list")).content.decode()


def test_staff_register_anyone_for_a_tier_event(tier_event, staff, bob):
    registration = services.register(event=tier_event, user=bob, by=staff)
    assert registration.is_confirmed


def test_the_admin_asks_for_the_tiers_of_a_tier_event(staff_client, tiers):
    start = timezone.now() + timedelta(days=3)
    response = staff_client.post(
        reverse("admin:events_event_add"),
        {
            "title": "Forum",
            "slug": "forum",
            "language": "fr",
            "format": "in_person",
            "venue": "Salle",
            "starts_at_0": start.strftime("%Y-%m-%d"),
            "starts_at_1": "18:00",
            "ends_at_0": start.strftime("%Y-%m-%d"),
            "ends_at_1": "20:00",
            "time_zone": "America/Toronto",
            "audience": "tiers",
            "max_guests": 0,
            "meeting_minutes": 20,
            "is_published": "on",
            "questions-TOTAL_FORMS": 0,
            "questions-INITIAL_FORMS": 0,
            "workshop_tables-TOTAL_FORMS": 0,
            "workshop_tables-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "tiers" in response.context["adminform"].form.errors
    assert not Event.objects.filter(slug="forum").exists()
