import pytest
from django.test import RequestFactory

from common.redirects import safe_next
from tests.factories import make_space


@pytest.mark.parametrize(
    "forged",
    [
        "//evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/\\evil.example",
        "abc",
        "direct:inbox",
        "/ok\x00",
        "",
    ],
)
def test_a_forged_next_falls_back_to_the_default(forged):
    request = RequestFactory().post("/", {"next": forged})
    assert safe_next(request, "/messages/") == "/messages/"


def test_a_local_path_is_followed():
    request = RequestFactory().post("/", {"next": "/spaces/jardins/?page=2"})
    assert safe_next(request, "/messages/") == "/spaces/jardins/?page=2"


@pytest.mark.parametrize("forged", ["abc", "//evil.example", "https://evil.example"])
def test_blocking_with_a_forged_next_goes_to_the_inbox(client, alice, bob, forged):
    make_space("Jardins", owner=alice, members=[bob])
    client.force_login(alice)
    response = client.post(f"/en/messages/block/{bob.pk}/", {"action": "block", "next": forged})
    assert (response.status_code, response["Location"]) == (302, "/en/messages/")
    assert bob.blocked_by.filter(blocker=alice).exists()


def test_moderating_with_a_forged_next_goes_to_the_moderation_queue(client, alice, bob):
    from tests.factories import make_thread

    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, bob)
    client.force_login(alice)
    response = client.post(
        f"/spaces/{space.slug}/thread/{thread.pk}/moderate/",
        {"action": "hide", "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/spaces/{space.slug}/moderation/"


def test_the_admin_sign_in_ignores_a_foreign_next(client, db):
    response = client.get("/en/admin/login/?next=https://evil.example/")
    assert "evil.example" not in response["Location"]
