"""What the live services broadcast, and when (once committed)."""

import pytest

from events.services import live
from tests.events.live.shared import choice

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def test_a_vote_broadcasts_the_results_once_committed(
    event, poll, alice, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(live, "_send", lambda group, payload: sent.append((group, payload)))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        live.vote(poll=poll, choice=choice(poll, "Loyers"), user=alice)
        assert sent == []
    for callback in callbacks:
        callback()
    assert sent == [
        (
            f"event-live-{event.pk}",
            {
                "type": "results",
                "poll": poll.pk,
                "total": 1,
                "choices": [
                    {"id": choice(poll, "Loyers").pk, "votes": 1, "percent": 100},
                    {"id": choice(poll, "Salubrité").pk, "votes": 0, "percent": 0},
                ],
            },
        )
    ]
