"""The live page's queries stay the same as questions, votes and voters grow."""

import pytest

from events.models import LiveQuestion
from events.services import live
from tests.events.live.shared import grow
from tests.factories import UserFactory
from tests.helpers import page_queries, url

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


def test_live_page_queries_stay_constant(client, event, poll, alice, staff):
    voters = [UserFactory(email=f"voter{n}@example.org") for n in range(20)]
    grow(event, poll, voters[:2], 2)
    second = live.create_poll(event=event, question="Deux ?", choices=["A", "B", "C"], by=staff)
    live.open_poll(poll=second, by=staff)
    client.force_login(alice)
    before = page_queries(client, url("live", event.slug))
    grow(event, poll, voters, 20)  # 10x the questions and the voters
    grow(event, second, voters, 0)
    live.hide_question(question=LiveQuestion.objects.first(), by=staff)
    assert page_queries(client, url("live", event.slug)) == before
