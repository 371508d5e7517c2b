"""Live polls: creating, opening, voting once, closing, the results."""

import pytest

from analytics.models import Activity
from events.models import Poll, PollVote
from events.services import live
from tests.events.live.shared import choice
from tests.helpers import url

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def test_staff_create_a_poll_that_members_see_once_opened(client, event, alice, staff_with_totp):
    client.force_login(staff_with_totp)
    client.post(
        url("live_poll_create", event.slug),
        {"question": "Quelle date ?", "choices": "Mardi\n\n  Jeudi \nMardi\n"},
    )
    poll = Poll.objects.get()
    assert (poll.status, [c.label for c in poll.choices.all()]) == ("draft", ["Mardi", "Jeudi"])
    client.force_login(alice)
    assert "Quelle date ?" not in client.get(url("live", event.slug)).text
    assert client.post(url("live_poll_open", event.slug, poll.pk)).status_code == 403
    live.open_poll(poll=poll, by=staff_with_totp)
    assert "Quelle date ?" in client.get(url("live", event.slug)).text


def test_a_poll_needs_two_different_choices(client, event, staff_with_totp):
    client.force_login(staff_with_totp)
    response = client.post(
        url("live_poll_create", event.slug),
        {"question": "Quelle date ?", "choices": "Mardi\nMardi"},
        follow=True,
    )
    assert "A poll has between 2 and 10 different choices, one per line." in response.text
    assert Poll.objects.count() == 0


def test_attendee_votes_once_and_sees_the_results(client, event, poll, alice):
    client.force_login(alice)
    response = client.post(
        url("live_vote", event.slug, poll.pk), {"choice": choice(poll, "Loyers").pk}, follow=True
    )
    assert "Your vote is counted." in response.text
    assert "1 vote · 100%" in response.text
    response = client.post(
        url("live_vote", event.slug, poll.pk), {"choice": choice(poll, "Salubrité").pk}, follow=True
    )
    assert "You already voted in this poll." in response.text
    vote = PollVote.objects.get()
    assert (vote.user, vote.choice.label) == (alice, "Loyers")
    assert Activity.objects.filter(verb="event.poll_voted", actor=alice).count() == 1


def test_a_vote_after_the_poll_closed_is_refused(client, event, poll, alice, staff_with_totp):
    client.force_login(staff_with_totp)
    client.post(url("live_poll_close", event.slug, poll.pk))
    poll.refresh_from_db()
    assert poll.status == "closed" and poll.closed_at is not None
    client.force_login(alice)
    response = client.post(
        url("live_vote", event.slug, poll.pk), {"choice": choice(poll, "Loyers").pk}, follow=True
    )
    assert "This poll is closed: votes are no longer counted." in response.text
    assert PollVote.objects.count() == 0
    with pytest.raises(live.LiveRefused):
        live.open_poll(poll=poll, by=staff_with_totp)


def test_a_vote_for_a_choice_of_another_poll_is_refused(client, event, poll, alice, staff):
    other = live.create_poll(event=event, question="Autre ?", choices=["A", "B"], by=staff)
    client.force_login(alice)
    response = client.post(
        url("live_vote", event.slug, poll.pk), {"choice": other.choices.first().pk}, follow=True
    )
    assert "Choose one of this poll&#x27;s answers." in response.text
    for bad in ["", "abc", "999999"]:
        response = client.post(url("live_vote", event.slug, poll.pk), {"choice": bad})
        assert response.status_code == 302
    assert PollVote.objects.count() == 0


def test_a_draft_poll_takes_no_vote(event, staff, alice):
    draft = live.create_poll(event=event, question="Brouillon ?", choices=["A", "B"], by=staff)
    with pytest.raises(live.LiveRefused, match="not open yet"):
        live.vote(poll=draft, choice=draft.choices.first(), user=alice)


def test_the_unique_vote_is_the_last_guard(event, poll, alice, monkeypatch):
    """Two submits racing past the first check: the second is refused, the first stays."""
    live.vote(poll=poll, choice=choice(poll, "Loyers"), user=alice)
    monkeypatch.setattr(
        PollVote.objects, "filter", lambda **kw: PollVote.objects.none(), raising=False
    )
    with pytest.raises(live.LiveRefused, match="already voted"):
        live.vote(poll=poll, choice=choice(poll, "Salubrité"), user=alice)
    monkeypatch.undo()
    assert list(PollVote.objects.values_list("choice__label", flat=True)) == ["Loyers"]


def test_results_count_each_choice_and_the_total(event, poll, alice, dan, staff):
    live.vote(poll=poll, choice=choice(poll, "Loyers"), user=alice)
    live.vote(poll=poll, choice=choice(poll, "Salubrité"), user=dan)
    live.vote(poll=poll, choice=choice(poll, "Loyers"), user=staff)
    results = live.results(poll)
    assert results.total == 3
    assert [(row.choice.label, row.votes, row.percent) for row in results.choices] == [
        ("Loyers", 2, 67),
        ("Salubrité", 1, 33),
    ]
