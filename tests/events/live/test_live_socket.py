"""The live socket: who may open it, what attendees hear."""

import pytest
from asgiref.sync import sync_to_async

from events.services import live
from tests.events.live.shared import choice
from tests.helpers import open_socket

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English


async def open_live(user, slug):
    return await open_socket(user, f"/ws/events/{slug}/live/")


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_the_socket_refuses_outsiders(event, bob, carol):
    for user, expected in [(None, 4401), (bob, 4403), (carol, 4403)]:
        communicator, connected, code = await open_live(user, event.slug)
        assert (connected, code) == (False, expected)
    communicator, connected, code = await open_live(carol, "no-such-event")
    assert (connected, code) == (False, 4404)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_attendees_hear_a_vote_and_a_hidden_question_reveals_nothing(
    event, poll, alice, dan, staff
):
    alice_socket, connected, _code = await open_live(alice, event.slug)
    assert connected
    choice_pk = await sync_to_async(lambda: choice(poll, "Salubrité").pk)()
    await sync_to_async(
        lambda: live.vote(poll=poll, choice=poll.choices.get(pk=choice_pk), user=dan)
    )()
    message = await alice_socket.receive_json_from(timeout=2)
    assert message["type"] == "results" and message["total"] == 1
    assert {c["id"]: c["votes"] for c in message["choices"]}[choice_pk] == 1

    question = await sync_to_async(live.ask_question)(
        event=event, user=dan, body="Un secret bien gardé"
    )
    assert await alice_socket.receive_json_from(timeout=2) == {
        "type": "refresh",
        "part": "questions",
    }
    await sync_to_async(live.hide_question)(question=question, by=staff)
    assert await alice_socket.receive_json_from(timeout=2) == {
        "type": "refresh",
        "part": "questions",
    }
    await alice_socket.send_json_to({"type": "ping"})
    assert await alice_socket.receive_json_from(timeout=2) == {"type": "pong"}
    await alice_socket.disconnect()
