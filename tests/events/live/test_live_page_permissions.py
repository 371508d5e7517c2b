"""The live page: who may see it and act on it, and nothing changes when someone who
may not acts. Pages are read in English."""

import pytest

from events.models import LiveQuestion, LiveQuestionVote, PollVote
from tests.events.live.shared import choice
from tests.helpers import url

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


# (person) -> expected status of each live view; "login" means sent to sign in.
VIEWS = [
    "live",
    "live_ask",
    "live_upvote",
    "live_answer",
    "live_hide",
    "live_vote",
    "live_poll_create",
    "live_poll_open",
    "live_poll_close",
]
EXPECTED = {
    "anonymous": dict.fromkeys(VIEWS, "login"),
    "outsider": dict.fromkeys(VIEWS, 403),
    "not registered": dict.fromkeys(VIEWS, 403),
    "attendee": {**dict.fromkeys(VIEWS, 403), "live": 200, "live_ask": 302,
                 "live_upvote": 302, "live_vote": 302},
    "staff": {**dict.fromkeys(VIEWS, 302), "live": 200},
}  # fmt: skip


@pytest.mark.parametrize("person", list(EXPECTED))
@pytest.mark.parametrize("view", VIEWS)
def test_permission_matrix(
    client, event, poll, dans_question, alice, bob, carol, staff_with_totp, person, view
):
    user = {
        "anonymous": None,
        "outsider": bob,
        "not registered": carol,
        "attendee": alice,
        "staff": staff_with_totp,
    }[person]
    if user:
        client.force_login(user)
    args = {
        "live_upvote": [dans_question.pk],
        "live_answer": [dans_question.pk],
        "live_hide": [dans_question.pk],
        "live_vote": [poll.pk],
        "live_poll_open": [poll.pk],
        "live_poll_close": [poll.pk],
    }.get(view, [])
    data = {
        "live_ask": {"body": "Une question ?"},
        "live_vote": {"choice": choice(poll, "Loyers").pk},
        "live_poll_create": {"question": "Oui ?", "choices": "Oui\nNon"},
    }.get(view, {})
    target = url(view, event.slug, *args)
    response = client.get(target) if view == "live" else client.post(target, data)
    expected = EXPECTED[person][view]
    if expected == "login":
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == expected, (person, view)


def test_nothing_changes_when_someone_who_may_not_acts(client, event, poll, dans_question, carol):
    client.force_login(carol)
    client.post(url("live_ask", event.slug), {"body": "Et moi ?"})
    client.post(url("live_upvote", event.slug, dans_question.pk))
    client.post(url("live_vote", event.slug, poll.pk), {"choice": choice(poll, "Loyers").pk})
    client.post(url("live_hide", event.slug, dans_question.pk))
    assert LiveQuestion.objects.count() == 1
    assert LiveQuestionVote.objects.count() == 0
    assert PollVote.objects.count() == 0
    dans_question.refresh_from_db()
    assert (dans_question.votes, dans_question.status) == (0, "open")
