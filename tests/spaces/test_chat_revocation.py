"""A space's chat stops at once for whoever may no longer read it: a member who leaves or is
removed, outsiders of a space turned private or secret, a closed account; `resume` and
`history` re-check access on every call. A muted member reads on.

The cast: alice owns the spaces, carol moderates them, bob is a member, dan is outside."""

import pytest
from asgiref.sync import sync_to_async

from spaces import permissions, services
from spaces.forms import SpaceForm
from spaces.models import ChatMessage, Membership, Space
from spaces.services import chat, moderation
from tests.factories import make_space
from tests.helpers import close_account, close_code, form_data, next_of_type, open_socket

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


def chat_path(space):
    return f"/ws/spaces/{space.slug}/chat/"


async def say(user, space, body):
    """Post as `user`, as their socket would."""
    return await sync_to_async(chat.post_as)(user=user, space=space, body=body)


async def member_says_and_only_readers_hear(reader, gone, author, space, body):
    """`author` posts; `reader` gets it, `gone` (closed) gets nothing more."""
    await say(author, space, body)
    while (await next_of_type(reader, "message"))["body"] != body:
        pass
    assert await gone.receive_nothing(timeout=0.3)


@pytest.fixture
def private_space(alice, bob, carol):
    return make_space("Comité", owner=alice, moderator=carol, members=[bob], visibility="private")


@pytest.fixture
def open_space(alice, bob, carol):
    return make_space("Jardins", owner=alice, moderator=carol, members=[bob])


async def test_a_member_who_leaves_a_private_space_stops_receiving_its_chat(
    private_space, alice, bob
):
    alice_chat, _c, _ = await open_socket(alice, chat_path(private_space))
    bob_chat, connected, _ = await open_socket(bob, chat_path(private_space))
    assert connected
    access = await sync_to_async(permissions.access_to)(bob, private_space)
    assert await sync_to_async(services.leave_space)(access=access) is True
    code, before = await close_code(bob_chat)
    assert (code, "message" in before) == (4403, False)
    await member_says_and_only_readers_hear(alice_chat, bob_chat, alice, private_space, "Entre")
    await alice_chat.disconnect()
    await bob_chat.disconnect()


async def test_a_member_who_leaves_an_open_space_still_reads_its_chat(open_space, alice, bob):
    bob_chat, _c, _ = await open_socket(bob, chat_path(open_space))
    access = await sync_to_async(permissions.access_to)(bob, open_space)
    await sync_to_async(services.leave_space)(access=access)
    await say(alice, open_space, "Pour tout le monde")
    assert (await next_of_type(bob_chat, "message"))["body"] == "Pour tout le monde"
    await bob_chat.disconnect()


@pytest.mark.parametrize(("visibility", "expected"), [("private", 4403), ("secret", 4404)])
async def test_a_removed_member_stops_receiving_the_chat_at_once(
    visibility, expected, alice, bob, carol
):
    space = await sync_to_async(make_space)(
        "Comité", owner=alice, moderator=carol, members=[bob], visibility=visibility
    )
    alice_chat, _c, _ = await open_socket(alice, chat_path(space))
    bob_chat, _c, _ = await open_socket(bob, chat_path(space))
    membership = await sync_to_async(Membership.objects.get)(space=space, user=bob)
    assert await sync_to_async(moderation.remove)(moderator=carol, membership=membership)
    code, before = await close_code(bob_chat)
    assert (code, "message" in before) == (expected, False)
    await member_says_and_only_readers_hear(alice_chat, bob_chat, alice, space, "Bob est parti")
    await alice_chat.disconnect()
    await bob_chat.disconnect()


async def test_a_muted_member_keeps_reading_the_chat_but_cannot_write(
    private_space, alice, bob, carol
):
    bob_chat, _c, _ = await open_socket(bob, chat_path(private_space))
    membership = await sync_to_async(Membership.objects.get)(space=private_space, user=bob)
    await sync_to_async(moderation.mute)(moderator=carol, membership=membership, days=3)
    await say(alice, private_space, "Toujours là, Bob ?")
    assert (await next_of_type(bob_chat, "message"))["body"] == "Toujours là, Bob ?"
    await bob_chat.send_json_to({"type": "message", "body": "Oui !"})
    assert (await next_of_type(bob_chat, "error"))["code"] == "muted"
    assert await sync_to_async(ChatMessage.objects.filter(author=bob).count)() == 0
    await bob_chat.disconnect()


@pytest.mark.parametrize(("visibility", "expected"), [("private", 4403), ("secret", 4404)])
async def test_outsiders_reading_an_open_space_lose_its_chat_when_it_closes(
    visibility, expected, open_space, alice, bob, dan
):
    dan_chat, connected, _ = await open_socket(dan, chat_path(open_space))
    assert connected
    bob_chat, _c, _ = await open_socket(bob, chat_path(open_space))

    def make_it(visibility):
        form = SpaceForm(
            data={
                "name": open_space.name,
                "description": "",
                "visibility": visibility,
                "language": "fr",
                "interests": "",
            },
            instance=Space.objects.get(pk=open_space.pk),
        )
        assert form.is_valid(), form.errors
        services.update_space(form=form)

    await sync_to_async(make_it)(visibility)
    code, before = await close_code(dan_chat)
    assert (code, "message" in before) == (expected, False)
    await member_says_and_only_readers_hear(bob_chat, dan_chat, alice, open_space, "Réservé")
    await bob_chat.disconnect()
    await dan_chat.disconnect()


def admin_form(client, space, creator):
    """The space's change form as the admin shows it (its creator is required there)."""
    response = client.get(f"/en/admin/spaces/space/{space.pk}/change/")
    return {**form_data(response), "created_by": str(creator.pk)}


async def test_a_space_turned_secret_in_the_admin_closes_outsiders_chats(
    open_space, alice, dan, staff_client
):
    dan_chat, _c, _ = await open_socket(dan, chat_path(open_space))

    def turn_secret():
        data = {**admin_form(staff_client, open_space, alice), "visibility": "secret"}
        response = staff_client.post(f"/en/admin/spaces/space/{open_space.pk}/change/", data)
        assert response.status_code == 302

    await sync_to_async(turn_secret)()
    assert await sync_to_async(lambda: Space.objects.get(pk=open_space.pk).visibility)() == "secret"
    code, _before = await close_code(dan_chat)
    assert code == 4404
    await dan_chat.disconnect()


async def test_a_member_taken_out_in_the_admin_stops_receiving_the_chat(
    private_space, alice, bob, staff_client
):
    bob_chat, _c, _ = await open_socket(bob, chat_path(private_space))

    def take_bob_out():
        data = admin_form(staff_client, private_space, alice)
        rows = int(data["memberships-INITIAL_FORMS"])
        bobs = Membership.objects.get(space=private_space, user=bob).pk
        row = next(n for n in range(rows) if data[f"memberships-{n}-id"] == str(bobs))
        data[f"memberships-{row}-DELETE"] = "on"
        response = staff_client.post(f"/en/admin/spaces/space/{private_space.pk}/change/", data)
        assert response.status_code == 302

    await sync_to_async(take_bob_out)()
    assert not await sync_to_async(
        Membership.objects.filter(space=private_space, user=bob).exists
    )()
    code, _before = await close_code(bob_chat)
    assert code == 4403
    await bob_chat.disconnect()


@pytest.mark.parametrize(
    "frame", [{"type": "resume", "after": 0}, {"type": "history", "before": 10**9}]
)
async def test_resume_and_history_re_check_access_on_every_call(frame, private_space, alice, bob):
    """Even when no service said so (a row deleted by hand), the next call finds out."""
    await say(alice, private_space, "Avant")
    bob_chat, _c, _ = await open_socket(bob, chat_path(private_space))
    await bob_chat.send_json_to(frame)
    assert [m["body"] for m in (await next_of_type(bob_chat, "messages"))["messages"]] == ["Avant"]
    await sync_to_async(Membership.objects.filter(space=private_space, user=bob).delete)()
    await bob_chat.send_json_to(frame)
    code, before = await close_code(bob_chat)
    assert (code, "messages" in before) == (4403, False)
    await bob_chat.disconnect()


async def test_a_closed_account_stops_receiving_the_chat(open_space, alice, bob):
    alice_chat, _c, _ = await open_socket(alice, chat_path(open_space))
    bob_chat, _c, _ = await open_socket(bob, chat_path(open_space))
    await close_account(bob)
    code, _before = await close_code(bob_chat)
    assert code == 4401
    await member_says_and_only_readers_hear(alice_chat, bob_chat, alice, open_space, "Au revoir")
    await alice_chat.disconnect()
    await bob_chat.disconnect()


async def test_a_chat_message_from_the_socket_counts_against_the_members_limit(
    open_space, alice, bob, settings
):
    settings.MAILLAGE_RATE_LIMITS = {**settings.MAILLAGE_RATE_LIMITS, "chat_message": "2/d"}
    bob_chat, _c, _ = await open_socket(bob, chat_path(open_space))
    for number in range(3):
        await bob_chat.send_json_to({"type": "message", "body": f"m{number}"})
    error = await next_of_type(bob_chat, "error")
    assert error == {
        "type": "error",
        "code": "rate_limited",
        "message": "Vous envoyez des messages trop vite. Attendez quelques secondes et réessayez.",
    }
    assert await sync_to_async(
        lambda: list(ChatMessage.objects.order_by("pk").values_list("body", flat=True))
    )() == ["m0", "m1"]
    # Alice's allowance is her own.
    alice_chat, _c, _ = await open_socket(alice, chat_path(open_space))
    await alice_chat.send_json_to({"type": "message", "body": "Du calme", "client_id": "a1"})
    while (await next_of_type(alice_chat, "message"))["client_id"] != "a1":
        pass
    await alice_chat.disconnect()
    await bob_chat.disconnect()
