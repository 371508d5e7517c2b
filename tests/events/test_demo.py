"""The events of the demo community: what a visitor of `make run` finds."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from events.models import Event, Feedback, Meeting, Poll, Series, WorkshopTable
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
    def counts():
        return [
            model.objects.count()
            for model in (Event, Membership, Series, Meeting, WorkshopTable, Poll, Feedback)
        ]

    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before


def test_a_past_demo_event_shows_its_record(seeded, client):
    """Past events in French and English, with tables' notes, a finished Q&A and poll,
    meetings the demo member had, and feedback."""
    member = User.objects.get(email=demo.MEMBER_EMAIL)
    client.force_login(member)
    past = Event.objects.past()
    assert {"fr", "en"} <= set(past.values_list("language", flat=True))
    assert WorkshopTable.objects.filter(event__in=past).exclude(notes="").exists()
    assert Poll.objects.filter(event__in=past, status=Poll.Status.CLOSED).exists()
    assert Meeting.objects.accepted().involving(member).filter(event__in=past).exists()
    assert Feedback.objects.filter(registration__event__in=past).exists()
    with_record = past.filter(live_questions__status="answered").distinct().first()
    page = client.get(with_record.get_absolute_url()).content.decode()
    assert "Ce qui s’est passé" in page  # the default language: French
    # The people the member met stay on her profile.
    profile = client.get(reverse("members:profile", args=[member.profile.pk])).content.decode()
    assert "Personnes rencontrées" in profile


def test_the_upcoming_demo_has_a_waitlist_and_a_forum_with_tables_and_people_to_meet(
    seeded, client
):
    member = User.objects.get(email=demo.MEMBER_EMAIL)
    client.force_login(member)
    upcoming = Event.objects.upcoming()
    assert upcoming.filter(registrations__status="waitlisted").exists()
    forum = upcoming.filter(workshop_tables__isnull=False, meetings_enabled=True).first()
    assert forum is not None
    assert client.get(reverse("events:people", args=[forum.slug])).status_code == 200
    assert client.get(reverse("events:tables", args=[forum.slug])).status_code == 200
