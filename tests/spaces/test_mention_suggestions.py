from tests.factories import make_space


def test_members_get_suggestions_of_who_to_mention(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, members=[bob, carol])
    client.force_login(bob)
    response = client.get(f"/en/spaces/{space.slug}/mentions/", {"q": "car"})
    assert [p.handle for p in response.context["profiles"]] == ["carol-roy"]
    assert 'data-handle="carol-roy"' in response.content.decode()
    assert client.get(f"/en/spaces/{space.slug}/mentions/", {"q": ""}).context["profiles"] == []


def test_private_spaces_suggest_only_their_members(client, alice, bob, dan):
    space = make_space("Comité", owner=alice, members=[bob], visibility="private")
    client.force_login(bob)
    response = client.get(f"/en/spaces/{space.slug}/mentions/", {"q": "d"})
    assert [p.handle for p in response.context["profiles"]] == []
    response = client.get(f"/en/spaces/{space.slug}/mentions/", {"q": "ali"})
    assert [p.handle for p in response.context["profiles"]] == ["alice-tremblay"]


def test_outsiders_get_no_suggestions(client, alice, dan):
    space = make_space("Comité", owner=alice, visibility="private")
    client.force_login(dan)
    assert client.get(f"/en/spaces/{space.slug}/mentions/", {"q": "ali"}).status_code == 403
