import pytest
from asgiref.sync import sync_to_async

from spaces.models import ChatMessage
from tests.factories import make_space
from tests.helpers import next_of_type, open_socket

pytestmark = pytest.mark.django_db(transaction=True)


async def open_chat(user, space):
    return await open_socket(user, f"/ws/spaces/{space.slug}/chat/")


async def presence_becomes(communicator, names, timeout=3):
    """Presence events until the list is `names` (earlier, outdated lists may come first)."""
    while True:
        event = await next_of_type(communicator, "presence", timeout=timeout)
        if event["names"] == names:
            return True


@pytest.fixture
def open_space(alice, bob, carol):
    return make_space("Jardins", owner=alice, moderator=carol, members=[bob])


@pytest.mark.asyncio
async def test_a_message_reaches_every_member_with_the_chat_open(open_space, alice, bob):
    alice_chat, _connected, _ = await open_chat(alice, open_space)
    bob_chat, _connected, _ = await open_chat(bob, open_space)
    await bob_chat.send_json_to(
        {"type": "message", "body": "Bonjour tout le monde", "client_id": "b1"}
    )
    received = await next_of_type(alice_chat, "message")
    assert (received["author"], received["body"], received["space"]) == (
        "Bob Gagnon",
        "Bonjour tout le monde",
        open_space.pk,
    )
    echoed = await next_of_type(bob_chat, "message")
    assert echoed["id"] == received["id"]
    stored = await sync_to_async(ChatMessage.objects.get)()
    assert stored.body == "Bonjour tout le monde"
    await alice_chat.disconnect()
    await bob_chat.disconnect()


@pytest.mark.asyncio
async def test_presence_lists_who_has_the_chat_open(open_space, alice, bob):
    alice_chat, _c, _ = await open_chat(alice, open_space)
    assert (await next_of_type(alice_chat, "presence"))["names"] == ["Alice Tremblay"]
    # Then the room is told (Alice with it): once that is out, Bob cannot catch it on his
    # way in, before his own list.
    assert (await next_of_type(alice_chat, "presence"))["names"] == ["Alice Tremblay"]
    bob_chat, _c, _ = await open_chat(bob, open_space)
    # The newcomer gets the list at once; the others within a second (broadcasts coalesce).
    assert (await next_of_type(bob_chat, "presence"))["names"] == ["Alice Tremblay", "Bob Gagnon"]
    assert await presence_becomes(alice_chat, ["Alice Tremblay", "Bob Gagnon"])
    await bob_chat.disconnect()
    assert await presence_becomes(alice_chat, ["Alice Tremblay"])
    await alice_chat.disconnect()


@pytest.mark.asyncio
async def test_a_reconnecting_client_gets_what_it_missed_without_duplicates(open_space, alice, bob):
    bob_chat, _c, _ = await open_chat(bob, open_space)
    await bob_chat.send_json_to({"type": "message", "body": "un", "client_id": "m1"})
    first = await next_of_type(bob_chat, "message")
    await bob_chat.disconnect()

    alice_chat, _c, _ = await open_chat(alice, open_space)
    await alice_chat.send_json_to({"type": "message", "body": "deux", "client_id": "a1"})
    await alice_chat.send_json_to({"type": "message", "body": "trois", "client_id": "a2"})
    await next_of_type(alice_chat, "message")
    await next_of_type(alice_chat, "message")

    bob_again, _c, _ = await open_chat(bob, open_space)
    await bob_again.send_json_to({"type": "resume", "after": first["id"]})
    missed = await next_of_type(bob_again, "messages")
    assert [message["body"] for message in missed["messages"]] == ["deux", "trois"]
    # A message resent with the same client id is not stored twice.
    await bob_again.send_json_to({"type": "message", "body": "un", "client_id": "m1"})
    await bob_again.send_json_to({"type": "ping"})
    await next_of_type(bob_again, "pong")
    assert await sync_to_async(ChatMessage.objects.count)() == 3
    await alice_chat.disconnect()
    await bob_again.disconnect()


@pytest.mark.asyncio
async def test_older_messages_come_on_request(open_space, bob):
    for number in range(60):
        await sync_to_async(ChatMessage.objects.create)(
            space=open_space, author=bob, body=f"m{number}"
        )
    ids = await sync_to_async(lambda: list(ChatMessage.objects.values_list("pk", flat=True)))()
    bob_chat, _c, _ = await open_chat(bob, open_space)
    await bob_chat.send_json_to({"type": "history", "before": ids[10]})
    older = await next_of_type(bob_chat, "messages")
    assert [m["body"] for m in older["messages"]] == [f"m{n}" for n in range(10)]
    await bob_chat.disconnect()


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("not json at all", "invalid_json"),
        ("[1, 2]", "invalid_json"),
        ('{"type": "shout"}', "unknown_type"),
        ('{"type": "message", "body": "x", "space": 99999}', "wrong_space"),
        ('{"type": "message", "body": "   "}', "empty"),
        ('{"type": "resume", "after": "abc"}', "invalid"),
    ],
)
async def test_bad_frames_get_an_error_and_the_connection_stays(open_space, bob, frame, code):
    bob_chat, _c, _ = await open_chat(bob, open_space)
    await bob_chat.send_to(text_data=frame)
    error = await next_of_type(bob_chat, "error")
    assert error["code"] == code
    await bob_chat.send_json_to({"type": "ping"})
    assert (await next_of_type(bob_chat, "pong"))["type"] == "pong"
    assert await sync_to_async(ChatMessage.objects.count)() == 0
    await bob_chat.disconnect()


@pytest.mark.asyncio
async def test_a_one_megabyte_message_is_refused_in_the_members_language(open_space, bob):
    bob_chat, _c, _ = await open_chat(bob, open_space)
    await bob_chat.send_json_to({"type": "message", "body": "x" * 1_000_000})
    error = await next_of_type(bob_chat, "error")
    assert error == {
        "type": "error",
        "code": "too_long",
        "message": "Un message de clavardage compte au plus 2000 caractères.",
    }
    assert await sync_to_async(ChatMessage.objects.count)() == 0
    await bob_chat.disconnect()


@pytest.mark.asyncio
async def test_a_flood_is_refused_with_a_clear_error(open_space, alice, bob):
    alice_chat, _c, _ = await open_chat(alice, open_space)
    bob_chat, _c, _ = await open_chat(bob, open_space)
    for number in range(9):
        await bob_chat.send_json_to({"type": "message", "body": f"spam {number}"})
    error = await next_of_type(bob_chat, "error")
    assert error["code"] == "rate_limited"
    assert await sync_to_async(ChatMessage.objects.count)() == 8
    # Others are not affected.
    await alice_chat.send_json_to({"type": "message", "body": "Du calme", "client_id": "a1"})
    while (await next_of_type(alice_chat, "message"))["client_id"] != "a1":
        pass
    assert await sync_to_async(ChatMessage.objects.filter(author=alice).count)() == 1
    await alice_chat.disconnect()
    await bob_chat.disconnect()


CHAT_ACCESS = [
    ("visitor", "open", False, 4401),
    ("outsider", "open", True, None),
    ("outsider", "private", False, 4403),
    ("outsider", "secret", False, 4404),
    ("member", "private", True, None),
    ("member", "secret", True, None),
    ("staff", "secret", True, None),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("who", "visibility", "allowed", "close_code"), CHAT_ACCESS)
async def test_who_may_open_a_spaces_chat(
    who, visibility, allowed, close_code, alice, bob, dan, staff_with_totp
):
    space = await sync_to_async(make_space)(
        "Comité", owner=alice, members=[bob], visibility=visibility
    )
    user = {"visitor": None, "outsider": dan, "member": bob, "staff": staff_with_totp}[who]
    communicator, connected, code = await open_chat(user, space)
    assert connected is allowed
    if not allowed:
        assert code == close_code
    else:
        await communicator.disconnect()


@pytest.mark.asyncio
async def test_an_outsider_reads_an_open_spaces_chat_but_cannot_write(open_space, dan):
    dan_chat, connected, _ = await open_chat(dan, open_space)
    assert connected
    await dan_chat.send_json_to({"type": "message", "body": "Je m'invite"})
    assert (await next_of_type(dan_chat, "error"))["code"] == "forbidden"
    assert await sync_to_async(ChatMessage.objects.count)() == 0
    await dan_chat.disconnect()


@pytest.mark.asyncio
async def test_a_member_muted_while_connected_can_no_longer_send(open_space, bob):
    from datetime import timedelta

    from django.utils import timezone

    from spaces.models import Membership

    bob_chat, _c, _ = await open_chat(bob, open_space)
    await sync_to_async(Membership.objects.filter(space=open_space, user=bob).update)(
        muted_until=timezone.now() + timedelta(days=1)
    )
    await bob_chat.send_json_to({"type": "message", "body": "Toujours là"})
    assert (await next_of_type(bob_chat, "error"))["code"] == "muted"
    assert await sync_to_async(ChatMessage.objects.count)() == 0
    await bob_chat.disconnect()
