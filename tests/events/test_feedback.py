"""After the event, attendees say how it went; staff read what they said."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from analytics.models import Activity
from events import services
from events.models import Event, Feedback
from tests.factories import UserFactory
from tests.helpers import ago, move_event

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def _held(event):
    """The event took place yesterday."""
    return move_event(event, starts_at=ago(days=1))


@pytest.fixture
def held(make_event, alice, bob):
    """An event alice attended (confirmed) and bob waited for (waiting list)."""
    event = make_event(title="Assemblée générale", slug="assemblee", capacity=1)
    services.register(event=event, user=alice)
    services.register(event=event, user=bob)
    return _held(event)


def _url(event, name="events:feedback"):
    return reverse(name, args=[event.slug])


GOOD = {"rating": "4", "comment": "Très utile, merci !", "would_recommend": "on"}


# Giving feedback


def test_an_attendee_gives_feedback_after_the_event(held, alice_client, alice):
    page = alice_client.get(_url(held))
    assert page.status_code == 200
    assert 'type="radio" name="rating" value="5"' in page.content.decode()
    response = alice_client.post(_url(held), GOOD, follow=True)
    assert response.redirect_chain == [(_url(held), 302)]
    assert "Thank you for your feedback." in response.content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.registration.user, feedback.rating, feedback.comment) == (
        alice,
        4,
        "Très utile, merci !",
    )
    assert feedback.would_recommend is True
    activity = Activity.objects.get(verb="event.feedback_given")
    assert (activity.actor, activity.data["rating"]) == (alice, 4)


def test_a_second_submit_updates_the_same_feedback(held, alice_client):
    alice_client.post(_url(held), GOOD)
    response = alice_client.post(_url(held), {"rating": "2", "comment": "À revoir."}, follow=True)
    assert "Your feedback is updated." in response.content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.comment, feedback.would_recommend) == (2, "À revoir.", False)
    page = alice_client.get(_url(held)).content.decode()
    assert "You may change it below." in page
    assert re.search(r'<input type="radio" name="rating" value="2"[^>]*checked', page)


@pytest.mark.parametrize("rating", ["9", "0", "abc", ""])
def test_a_bad_rating_is_refused_with_a_clear_message(held, alice_client, rating):
    response = alice_client.post(_url(held), {**GOOD, "rating": rating})
    assert response.status_code == 400
    assert "Choose a rating from 1 to 5." in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_comment_too_long_is_refused(held, alice_client):
    response = alice_client.post(_url(held), {**GOOD, "comment": "x" * 5001})
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_before_the_event_the_form_says_it_opens_later(make_event, alice, alice_client):
    event = make_event(slug="bientot")
    services.register(event=event, user=alice)
    page = alice_client.get(_url(event))
    assert page.status_code == 200
    assert "the feedback form opens when it starts" in page.content.decode()
    assert 'name="rating"' not in page.content.decode()
    alice_client.post(_url(event), GOOD)
    assert not Feedback.objects.exists()


def test_the_service_refuses_feedback_before_the_event(make_event, alice):
    registration = services.register(event=make_event(), user=alice)
    with pytest.raises(services.reminders.FeedbackRefused):
        services.reminders.give_feedback(registration=registration, rating=5)


# Who may give it


def test_anonymous_visitors_are_asked_to_sign_in(held, client):
    response = client.get(_url(held))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_member_not_registered_is_told_why(held, carol, client):
    client.force_login(carol)
    response = client.get(_url(held))
    assert response.status_code == 403
    assert "Only members registered for this event can give feedback." in (
        response.content.decode()
    )
    assert client.post(_url(held), GOOD).status_code == 403
    assert not Feedback.objects.exists()


def test_a_member_left_on_the_waiting_list_cannot_give_feedback(held, bob, client):
    client.force_login(bob)
    assert client.post(_url(held), GOOD).status_code == 403
    assert not Feedback.objects.exists()


def test_a_member_outside_the_audience_is_refused(make_event, alice, client):
    event = _held(make_event(audience=Event.Audience.TIERS))
    client.force_login(alice)
    assert client.get(_url(event)).status_code == 403


def test_staff_read_the_summary_rather_than_give_feedback(held, staff_client):
    assert staff_client.get(_url(held)).status_code == 403
    assert staff_client.get(_url(held, "events:feedback_summary")).status_code == 200


def test_a_draft_event_is_not_disclosed(make_event, alice, client):
    event = make_event(is_published=False)
    services.register(event=event, user=alice)
    client.force_login(alice)
    assert client.get(_url(_held(event))).status_code == 404


# The summary, for staff


def test_staff_see_the_average_the_spread_and_the_comments(held, alice, staff_client):
    services.reminders.give_feedback(
        registration=held.registrations.get(user=alice), rating=4, comment="Très utile, merci !"
    )
    page = staff_client.get(_url(held, "events:feedback_summary")).content.decode()
    assert "1 response" in page
    assert re.search(r"Average rating: 4[.,]0 out of 5", page)
    assert "100% would recommend it" in page
    assert '<meter min="0" max="100" value="100">' in page
    assert "Très utile, merci !" in page
    assert "Alice Tremblay" in page


def test_the_summary_of_an_event_without_feedback_says_so(held, staff_client):
    page = staff_client.get(_url(held, "events:feedback_summary")).content.decode()
    assert "No feedback yet." in page


def test_attendees_and_anonymous_visitors_do_not_see_the_summary(held, alice_client, client):
    assert alice_client.get(_url(held, "events:feedback_summary")).status_code == 403
    alice_client.logout()
    response = client.get(_url(held, "events:feedback_summary"))
    assert response.status_code == 302


def test_the_summary_reads_the_same_number_of_rows_however_much_feedback(make_event, staff_client):
    event = make_event(slug="grand")

    def grow(count, offset):
        for n in range(count):
            user = UserFactory(email=f"fb{offset + n}@example.org")
            registration = services.register(event=event, user=user)
            Feedback.objects.create(
                registration=registration, rating=1 + n % 5, comment=f"Commentaire {n}"
            )

    url = _url(event, "events:feedback_summary")

    def queries():
        cache.clear()  # the header's counts are kept there: both counts read them afresh
        with CaptureQueriesContext(connection) as captured:
            page = staff_client.get(url)
        assert page.status_code == 200
        return len(captured)

    grow(2, 0)
    before = queries()
    grow(18, 100)
    page = staff_client.get(url).content.decode()
    assert "20 responses" in page and "Commentaire 17" in page
    assert queries() == before
