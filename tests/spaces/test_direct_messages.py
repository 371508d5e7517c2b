import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.asgi import application
from spaces.direct import services as direct
from spaces.models import Block, Conversation, DirectMessage, Report, SpacePolicy
from spaces.services import chat
from tests.factories import UserFactory, make_space


def write(client, recipients, body="Bonjour !"):
    return client.post(
        "/en/messages/new/", {"recipients": [u.profile.pk for u in recipients], "body": body}
    )


@pytest.fixture
def shared(alice, bob, carol):
    return make_space("Jardins", owner=alice, members=[bob, carol])


def test_a_member_writes_privately_to_a_member_of_a_shared_space(client, shared, alice, bob):
    client.force_login(alice)
    assert client.get(f"/en/messages/new/?to={bob.profile.pk}").status_code == 200
    response = write(client, [bob])
    conversation = Conversation.objects.get()
    assert response["Location"] == f"/en/messages/{conversation.pk}/"
    write(client, [bob], body="Encore moi")
    assert Conversation.objects.count() == 1
    assert list(conversation.messages.values_list("body", flat=True)) == ["Bonjour !", "Encore moi"]


def test_the_recipient_sees_an_unread_conversation_until_opening_it(client, shared, alice, bob):
    client.force_login(alice)
    write(client, [bob])
    client.force_login(bob)
    assert (
        '<span class="badge" data-unread-messages >1</span>' in client.get("/en/").content.decode()
    )
    assert [c.is_unread for c in client.get("/en/messages/").context["page"]] == [True]
    client.get(f"/en/messages/{Conversation.objects.get().pk}/")
    assert [c.is_unread for c in client.get("/en/messages/").context["page"]] == [False]


def test_an_unread_message_older_than_the_shown_history_is_read_on_opening(
    client, shared, alice, bob
):
    """The page shows the last fifty messages: when they are all the reader's own, an older
    unread one is still found."""
    conversation = direct.start_conversation(sender=bob, recipients=[alice], body="Une question")
    for number in range(chat.HISTORY_SIZE):
        DirectMessage.objects.create(conversation=conversation, author=alice, body=f"n° {number}")
    client.force_login(alice)
    assert [c.is_unread for c in client.get("/en/messages/").context["page"]] == [True]
    page = client.get(f"/en/messages/{conversation.pk}/").content.decode()
    assert "Une question" not in page  # older than the fifty shown
    assert [c.is_unread for c in client.get("/en/messages/").context["page"]] == [False]


def test_opening_a_read_conversation_writes_nothing(client, shared, alice, bob):
    conversation = direct.start_conversation(sender=bob, recipients=[alice], body="Salut")
    client.force_login(alice)
    client.get(f"/en/messages/{conversation.pk}/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/en/messages/{conversation.pk}/").status_code == 200
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]


def test_an_empty_message_is_refused_on_the_page_without_losing_the_conversation(
    client, shared, alice, bob
):
    conversation = direct.start_conversation(sender=bob, recipients=[alice], body="Salut")
    client.force_login(alice)
    response = client.post(f"/en/messages/{conversation.pk}/", {"body": "   "})
    assert response.status_code == 200
    assert "Salut" in response.content.decode()
    assert conversation.messages.count() == 1


def test_members_who_share_no_space_may_write_only_if_the_site_allows(client, alice, dan):
    client.force_login(alice)
    response = write(client, [dan])
    assert response.status_code == 400 or "You can write only to members of a space you share." in (
        response.content.decode()
    )
    assert not Conversation.objects.exists()
    SpacePolicy.objects.update_or_create(pk=1, defaults={"members_may_message_strangers": True})
    response = client.post(
        f"/en/messages/new/?to={dan.profile.pk}", {"recipients": [dan.profile.pk], "body": "Salut"}
    )
    assert Conversation.objects.count() == 1


def test_a_block_stops_messages_both_ways(client, shared, alice, bob):
    client.force_login(alice)
    write(client, [bob])
    conversation = Conversation.objects.get()
    client.force_login(bob)
    client.post(f"/en/messages/block/{alice.pk}/", {"action": "block"})
    assert Block.objects.filter(blocker=bob, blocked=alice).exists()
    response = client.post(f"/en/messages/{conversation.pk}/", {"body": "Réponse"}, follow=True)
    assert (
        "You cannot write to a member you blocked or who blocked you." in response.content.decode()
    )
    client.force_login(alice)
    client.post(f"/en/messages/{conversation.pk}/", {"body": "Hé"})
    assert conversation.messages.count() == 1


def test_a_group_has_at_most_ten_members(client, shared, alice):
    SpacePolicy.objects.update_or_create(pk=1, defaults={"members_may_message_strangers": True})
    others = [UserFactory(profile__display_name=f"Membre {n}") for n in range(10)]
    client.force_login(alice)
    response = write(client, others)
    assert "A conversation has at most 10 members." in response.content.decode()
    write(client, others[:9])
    assert Conversation.objects.get().participants.count() == 10


def test_nobody_else_reads_a_conversation_not_even_staff(
    client, shared, alice, bob, carol, staff_with_totp
):
    client.force_login(alice)
    write(client, [bob], body="Confidentiel")
    url = f"/en/messages/{Conversation.objects.get().pk}/"
    for outsider in (carol, staff_with_totp):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": "intrusion"}).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_reported_message_and_only_it_reaches_staff(client, shared, alice, bob, staff_with_totp):
    client.force_login(alice)
    write(client, [bob], body="Message insultant")
    write(client, [bob], body="Message privé ordinaire")
    conversation = Conversation.objects.get()
    insult = conversation.messages.get(body="Message insultant")
    client.force_login(bob)
    client.post(f"/en/messages/{conversation.pk}/report/{insult.pk}/", {"reason": "harassment"})
    client.force_login(staff_with_totp)
    page = client.get("/en/spaces/moderation/")
    assert [r.direct_message for r in page.context["page"]] == [insult]
    text = page.content.decode()
    assert "Message insultant" in text and "Message privé ordinaire" not in text
    client.post(f"/en/messages/reports/{Report.objects.get().pk}/dismiss/")
    assert Report.objects.get().resolution == "dismissed"


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_messages_arrive_live_and_only_participants_connect(alice, bob, carol):
    from django.test import AsyncClient

    from spaces.direct import services as direct

    await sync_to_async(make_space)("Jardins", owner=alice, members=[bob, carol])
    conversation = await sync_to_async(direct.start_conversation)(
        sender=alice, recipients=[bob], body="Premier"
    )

    async def connect(user, path):
        client = AsyncClient()
        await client.aforce_login(user)
        cookie = client.cookies["sessionid"].value
        communicator = WebsocketCommunicator(
            application,
            path,
            headers=[
                (b"origin", b"http://localhost"),
                (b"host", b"localhost"),
                (b"cookie", f"sessionid={cookie}".encode()),
            ],
        )
        connected, code = await communicator.connect()
        return communicator, connected, code

    path = f"/ws/messages/{conversation.pk}/"
    _c, connected, code = await connect(carol, path)
    assert (connected, code) == (False, 4404)
    bob_socket, connected, _ = await connect(bob, path)
    bob_me, _ok, _ = await connect(bob, "/ws/me/")
    await bob_me.receive_json_from()
    alice_socket, connected, _ = await connect(alice, path)
    await alice_socket.send_json_to({"type": "message", "body": "En direct", "client_id": "x1"})
    received = await bob_socket.receive_json_from(timeout=2)
    assert (received["body"], received["author"], received["conversation"]) == (
        "En direct",
        "Alice Tremblay",
        conversation.pk,
    )
    assert await bob_me.receive_json_from(timeout=2) == {"type": "messages", "unread": 1}
    assert await sync_to_async(DirectMessage.objects.count)() == 2
    for socket in (bob_socket, bob_me, alice_socket):
        await socket.disconnect()
