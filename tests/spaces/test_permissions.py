"""Who sees what: every spaces view, for each person, on open, private and secret spaces."""

import pytest

from tests.factories import make_reply, make_thread

PEOPLE = ["visitor", "outsider", "member", "moderator", "owner", "staff"]

# Expected status of a GET, per view, per person, per visibility (open, private, secret).
# 302 for the visitor is the sign-in redirect; 403 says "join to read"; 404 hides the space.
MATRIX = {
    "detail": {
        "visitor": (302, 302, 302),
        "outsider": (200, 200, 404),
        "member": (200, 200, 200),
        "moderator": (200, 200, 200),
        "owner": (200, 200, 200),
        "staff": (200, 200, 200),
    },
    "thread": {
        "visitor": (302, 302, 302),
        "outsider": (200, 403, 404),
        "member": (200, 200, 200),
        "moderator": (200, 200, 200),
        "owner": (200, 200, 200),
        "staff": (200, 200, 200),
    },
    "knowledge": {
        "visitor": (302, 302, 302),
        "outsider": (200, 403, 404),
        "member": (200, 200, 200),
        "moderator": (200, 200, 200),
        "owner": (200, 200, 200),
        "staff": (200, 200, 200),
    },
    "members": {
        "visitor": (302, 302, 302),
        "outsider": (200, 403, 404),
        "member": (200, 200, 200),
        "moderator": (200, 200, 200),
        "owner": (200, 200, 200),
        "staff": (200, 200, 200),
    },
    "thread_create": {
        "visitor": (302, 302, 302),
        "outsider": (403, 403, 404),
        "member": (200, 200, 200),
        "moderator": (200, 200, 200),
        "owner": (200, 200, 200),
        "staff": (200, 200, 200),
    },
    "edit": {
        "visitor": (302, 302, 302),
        "outsider": (403, 403, 404),
        "member": (403, 403, 403),
        "moderator": (403, 403, 403),
        "owner": (200, 200, 200),
        "staff": (200, 200, 200),
    },
}


@pytest.fixture
def person(request, client, alice, bob, carol, dan, staff_with_totp):
    people = {
        "visitor": None,
        "outsider": dan,
        "member": bob,
        "moderator": carol,
        "owner": alice,
        "staff": staff_with_totp,
    }
    user = people[request.param]
    if user is not None:
        client.force_login(user)
    return client


def url_for(view, space, thread):
    base = f"/en/spaces/{space.slug}/"
    return {
        "detail": base,
        "thread": f"{base}threads/{thread.pk}/",
        "knowledge": f"{base}knowledge/",
        "members": f"{base}members/",
        "thread_create": f"{base}threads/new/",
        "edit": f"{base}edit/",
    }[view]


CASES = [
    (view, who, visibility, expected[index])
    for view, by_person in MATRIX.items()
    for who, expected in by_person.items()
    for index, visibility in enumerate(("open", "private", "secret"))
]


@pytest.mark.parametrize(("view", "person", "visibility", "expected"), CASES, indirect=["person"])
def test_who_may_open_each_spaces_page(view, person, visibility, expected, spaces, alice):
    space = spaces[visibility]
    thread = make_thread(space, alice)
    make_reply(thread, alice)
    response = person.get(url_for(view, space, thread))
    assert response.status_code == expected


REPLY_CASES = [
    ("visitor", (302, 302, 302)),
    ("outsider", (403, 403, 404)),
    ("member", (302, 302, 302)),
    ("moderator", (302, 302, 302)),
    ("owner", (302, 302, 302)),
    ("staff", (302, 302, 302)),
]


@pytest.mark.parametrize(("person", "expected"), REPLY_CASES, indirect=["person"])
@pytest.mark.parametrize("index", [0, 1, 2])
def test_who_may_reply(person, expected, index, spaces, alice):
    space = spaces[("open", "private", "secret")[index]]
    thread = make_thread(space, alice)
    response = person.post(f"/en/spaces/{space.slug}/threads/{thread.pk}/", {"body": "Bonjour"})
    assert response.status_code == expected[index]
    added = thread.replies.count()
    assert added == (
        1 if response.status_code == 302 and "login" not in response["Location"] else 0
    )


@pytest.mark.parametrize("visibility", ["open", "private", "secret"])
def test_only_moderators_pin_and_lock(client, spaces, alice, bob, carol, visibility):
    space = spaces[visibility]
    thread = make_thread(space, alice)
    url = f"/en/spaces/{space.slug}/threads/{thread.pk}/moderate/"
    client.force_login(bob)
    assert client.post(url, {"action": "pin"}).status_code == 403
    client.force_login(carol)
    assert client.post(url, {"action": "pin"}).status_code == 302
    thread.refresh_from_db()
    assert thread.is_pinned


def test_secret_spaces_are_listed_only_to_those_in_them(client, spaces, bob, dan):
    client.force_login(dan)
    names = [space.name for space in client.get("/en/spaces/").context["page"]]
    assert names == ["Espace open", "Espace private"]
    client.force_login(bob)
    response = client.get("/en/spaces/")
    assert [space.name for space in response.context["page"]] == ["Espace open", "Espace private"]
    assert sorted(space.name for space in response.context["my_spaces"]) == [
        "Espace open",
        "Espace private",
        "Espace secret",
    ]
