"""What the sweep found on the site's own pages, each case on its own: a select given
numbers no column holds, and moderators' actions sent twice."""

import pytest

from community.models import Notification
from events import services
from events.models import LiveQuestion
from spaces.models import Conversation, ModerationAction
from tests.factories import make_reply, make_space, make_thread

HUGE = [str(2**63), str(10**30)]


@pytest.mark.parametrize("recipient", HUGE)
def test_writing_to_a_member_no_row_has_is_refused_with_a_field_error(client, alice, recipient):
    client.force_login(alice)

    response = client.post("/en/messages/new/", {"recipients": [recipient], "body": "Bonjour"})

    assert response.status_code == 400
    assert response.context["form"].errors["recipients"] == [f"“{recipient}” is not a valid value."]
    assert Conversation.objects.count() == 0


@pytest.mark.parametrize("recipient", HUGE)
def test_the_new_message_page_named_for_a_member_no_row_has_opens(client, alice, recipient):
    client.force_login(alice)

    assert client.get("/en/messages/new/", {"to": recipient}).status_code == 200


def test_an_answer_accepted_twice_is_told_once(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    question = make_thread(space, bob, kind="question")
    answer = make_reply(question, alice)
    client.force_login(bob)
    address = f"/en/spaces/{space.slug}/threads/{question.pk}/accept/"

    for _ in range(2):
        assert client.post(address, {"reply": answer.pk}).status_code == 302

    told = Notification.objects.filter(recipient=alice, verb="answer.accepted")
    assert told.count() == 1


def test_a_post_hidden_twice_is_recorded_and_told_once(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    reply = make_reply(make_thread(space, alice), bob)
    client.force_login(carol)
    address = f"/en/spaces/{space.slug}/reply/{reply.pk}/moderate/"

    for _ in range(2):
        assert client.post(address, {"action": "hide", "reason": "Hors sujet"}).status_code == 302

    assert ModerationAction.objects.filter(kind="hide").count() == 1
    assert Notification.objects.filter(recipient=bob, verb="content.hidden").count() == 1


def test_a_member_muted_twice_at_once_is_recorded_and_told_once(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    client.force_login(carol)
    address = f"/en/spaces/{space.slug}/members/{bob.pk}/moderate/"

    for _ in range(2):
        assert client.post(address, {"action": "mute", "days": "7"}).status_code == 302

    assert ModerationAction.objects.filter(kind="mute").count() == 1
    assert Notification.objects.filter(recipient=bob, verb="member.muted").count() == 1


def test_a_longer_mute_is_a_new_mute(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    client.force_login(carol)
    address = f"/en/spaces/{space.slug}/members/{bob.pk}/moderate/"

    client.post(address, {"action": "mute", "days": "7"})
    client.post(address, {"action": "mute", "days": "30"})

    assert ModerationAction.objects.filter(kind="mute").count() == 2


def test_a_live_question_with_a_nul_byte_is_refused_with_the_reason(client, make_event, alice):
    """PostgreSQL stores no NUL byte in text: the question is refused before it is stored."""
    event = make_event(slug="assemblee")
    services.register(event=event, user=alice)
    client.force_login(alice)

    response = client.post(
        f"/en/events/{event.slug}/live/questions/", {"body": "Quel\x00budget ?"}, follow=True
    )

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert LiveQuestion.objects.count() == 0
