""" "People you met" on the profile, after the event, and who sees them."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from events.services import meetings
from members.models import Profile
from tests.events.meetings.shared import slot
from tests.factories import UserFactory
from tests.helpers import ago, attend, move_event, text

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


@pytest.fixture
def met(make_event, alice, bob, dan):
    """Alice met Bob (accepted) and was declined by Dan, at an event that has ended."""
    event = make_event(title="Colloque passé", slug="colloque")
    attend(event, alice, bob, dan)
    accepted = meetings.request_meeting(
        event=event, requester=alice, invitee=bob, starts_at=event.starts_at
    )
    meetings.accept(meeting=accepted, by=bob)
    declined = meetings.request_meeting(
        event=event, requester=alice, invitee=dan, starts_at=slot(event, 1)
    )
    meetings.decline(meeting=declined, by=dan)
    return event


def end(event):
    move_event(event, starts_at=ago(days=2), ends_at=ago(days=1))


def test_people_you_met_appear_on_the_profile_after_the_event(client, alice, bob, dan, met):
    client.force_login(alice)
    profile = reverse("members:profile", args=[alice.profile.pk])
    assert "People you met" not in text(client.get(profile))
    end(met)
    page = text(client.get(profile))
    assert "People you met" in page
    assert f'href="{bob.profile.get_absolute_url()}">Bob Gagnon</a>' in page
    assert "Colloque passé" in page
    assert "Dan Côté" not in page  # declined is not met
    # And on Bob's side, for Bob.
    client.force_login(bob)
    assert "Alice Tremblay" in text(client.get(reverse("members:profile", args=[bob.profile.pk])))


def test_others_see_people_met_only_where_they_may_see_both(client, alice, bob, carol, met):
    end(met)
    profile = reverse("members:profile", args=[alice.profile.pk])
    client.force_login(carol)
    page = text(client.get(profile))
    assert "People met at events" in page
    assert "Bob Gagnon" in page
    Profile.objects.filter(user=bob).update(visibility=Profile.Visibility.HIDDEN)
    assert "Bob Gagnon" not in text(client.get(profile))
    # Alice still sees Bob, unlinked.
    client.force_login(alice)
    page = text(client.get(profile))
    assert "Bob Gagnon" in page
    assert bob.profile.get_absolute_url() not in page


def test_people_met_stay_private_when_an_attendee_is_unlisted(client, alice, bob, carol, met):
    end(met)
    Registration.objects.filter(event=met, user=bob).update(is_listed=False)
    client.force_login(carol)
    assert "Bob Gagnon" not in text(client.get(reverse("members:profile", args=[alice.profile.pk])))


def test_profile_queries_stay_constant_with_more_people_met(client, alice, make_event):
    client.force_login(alice)
    profile = reverse("members:profile", args=[alice.profile.pk])

    def meet(count, offset):
        # Each event on its own day: a person's meetings never overlap, across events too.
        event = make_event(starts_at=timezone.now() + timedelta(days=10 + offset))
        people = [UserFactory(email=f"met{offset + n}@example.org") for n in range(count)]
        attend(event, alice, *people)
        for n, person in enumerate(people):
            meeting = meetings.request_meeting(
                event=event, requester=person, invitee=alice, starts_at=slot(event, n)
            )
            meetings.accept(meeting=meeting, by=alice)
        end(event)

    meet(1, 0)
    cache.clear()  # the header's counts are kept there: both counts read them afresh
    with CaptureQueriesContext(connection) as before:
        client.get(profile)
    meet(5, 10)
    meet(5, 20)
    cache.clear()
    with CaptureQueriesContext(connection) as after:
        page = text(client.get(profile))
    assert all(f">met{n}</a>" in page for n in (0, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24))
    assert len(after) == len(before)
