"""The admin of polls and live questions: cheap lists, actions through the services."""

import pytest

from analytics.models import Activity
from events.services import live
from tests.events.live.shared import grow
from tests.factories import UserFactory
from tests.helpers import page_queries

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


POLLS_ADMIN = "/en/admin/events/poll/"
QUESTIONS_ADMIN = "/en/admin/events/livequestion/"


def test_admin_lists_stay_cheap_as_polls_and_questions_grow(staff_client, event, poll, staff):
    grow(event, poll, [UserFactory() for _ in range(2)], 2)
    polls, questions = (
        page_queries(staff_client, POLLS_ADMIN, warm=True),
        page_queries(staff_client, QUESTIONS_ADMIN, warm=True),
    )
    for n in range(10):
        other = live.create_poll(event=event, question=f"Q{n}", choices=["A", "B"], by=staff)
        live.open_poll(poll=other, by=staff)
        grow(event, other, [UserFactory() for _ in range(2)], 2)
    assert page_queries(staff_client, POLLS_ADMIN, warm=True) == polls
    assert page_queries(staff_client, QUESTIONS_ADMIN, warm=True) == questions


def test_admin_actions_go_through_the_services(staff_client, event, poll, dans_question):
    staff_client.post(
        QUESTIONS_ADMIN, {"action": "mark_answered", "_selected_action": [dans_question.pk]}
    )
    staff_client.post(POLLS_ADMIN, {"action": "close_polls", "_selected_action": [poll.pk]})
    dans_question.refresh_from_db()
    poll.refresh_from_db()
    assert (dans_question.status, poll.status) == ("answered", "closed")
    assert (
        Activity.objects.filter(verb__in=["event.question_answered", "event.poll_closed"]).count()
        == 2
    )
    response = staff_client.post(
        POLLS_ADMIN, {"action": "open_polls", "_selected_action": [poll.pk]}, follow=True
    )
    assert "This poll is closed: its results are final." in response.text
