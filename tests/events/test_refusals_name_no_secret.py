"""A refusal never names what the visitor may not know of: an event for a secret space is a
404 to anyone outside the space, as the space itself is."""

import html

import pytest

from tests.factories import make_space


def page(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def secret_event(make_event, alice, bob):
    space = make_space("Cercle des fondateurs", owner=alice, members=[bob], visibility="secret")
    return make_event(title="Souper du cercle", audience="space", space=space)


@pytest.fixture
def private_event(make_event, alice, bob):
    space = make_space("Comité logement", owner=alice, members=[bob], visibility="private")
    return make_event(title="Réunion du comité", audience="space", space=space)


@pytest.mark.parametrize("path", ["", "register/", "ticket/", "live/", "people/", "tables/"])
def test_an_event_for_a_secret_space_is_a_404_to_outsiders(client, dan, secret_event, path):
    client.force_login(dan)
    method = client.post if path == "register/" else client.get
    response = method(f"/events/{secret_event.slug}/{path}")
    assert response.status_code == 404
    assert "Cercle des fondateurs" not in page(response)


def test_an_event_for_a_secret_space_names_nothing_to_visitors(client, secret_event):
    response = client.get(f"/events/{secret_event.slug}/")
    assert response.status_code == 404
    assert "Cercle" not in page(response)


def test_members_of_the_secret_space_see_its_event(client, bob, secret_event):
    client.force_login(bob)
    assert client.get(f"/events/{secret_event.slug}/").status_code == 200


def test_an_event_for_a_private_space_tells_outsiders_which_space(client, dan, private_event):
    client.force_login(dan)
    response = client.get(f"/events/{private_event.slug}/")
    assert response.status_code == 403
    assert "Comité logement" in page(response)


def test_an_event_for_a_private_space_asks_visitors_to_sign_in_without_naming_it(
    client, private_event
):
    response = client.get(f"/events/{private_event.slug}/")
    assert response.status_code == 403
    assert "Comité logement" not in page(response)
    assert "connectez-vous" in page(response)
