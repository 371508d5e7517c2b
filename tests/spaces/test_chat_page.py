from spaces.models import ChatMessage
from tests.factories import make_space


def test_the_chat_page_shows_the_last_messages(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    for number in range(55):
        ChatMessage.objects.create(space=space, author=alice, body=f"message {number}")
    client.force_login(bob)
    response = client.get(f"/en/spaces/{space.slug}/chat/")
    history = response.context["history"]
    assert [m.body for m in history][:1] == ["message 5"]
    assert len(history) == 50
    older = client.get(f"/en/spaces/{space.slug}/chat/", {"before": history[0].pk})
    assert [m.body for m in older.context["history"]] == [f"message {n}" for n in range(5)]


def test_without_javascript_the_form_posts_the_message(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    client.force_login(bob)
    response = client.post(f"/en/spaces/{space.slug}/chat/", {"body": "Sans JavaScript"})
    assert response["Location"] == f"/en/spaces/{space.slug}/chat/"
    assert ChatMessage.objects.get().body == "Sans JavaScript"


def test_an_outsider_cannot_post_in_the_chat(client, alice, dan):
    space = make_space("Jardins", owner=alice)
    client.force_login(dan)
    assert client.get(f"/en/spaces/{space.slug}/chat/").status_code == 200
    assert client.post(f"/en/spaces/{space.slug}/chat/", {"body": "Hop"}).status_code == 403
    assert not ChatMessage.objects.exists()


def test_private_chat_is_closed_to_outsiders(client, alice, dan):
    space = make_space("Comité", owner=alice, visibility="private")
    client.force_login(dan)
    assert client.get(f"/en/spaces/{space.slug}/chat/").status_code == 403
