"""An event's page and its live page read the viewer's registration with the event, in one
query: the same registration my_registration reads, the viewer's own, none once cancelled."""

import pytest
from django.test import RequestFactory

from events import services
from events.views._common import my_registration, viewable_event_and_registration
from tests.helpers import url


def _read(user, event):
    request = RequestFactory().get("/")
    request.user = user
    return viewable_event_and_registration(request, event.slug, with_space=True)


def _columns(registration):
    return {field.attname: getattr(registration, field.attname)
            for field in registration._meta.concrete_fields}  # fmt: skip


def test_it_reads_alice_s_registration_as_my_registration_does(alice, staff, make_event):
    event = make_event(capacity=1)
    registration = services.register(event=event, user=alice, guests=0, answers={"Régime": "Aucun"})
    services.check_in(registration=registration, by=staff)

    found, mine = _read(alice, event)

    assert found == event
    assert mine is not None and mine.event is found
    assert _columns(mine) == _columns(my_registration(alice, event))
    assert mine.is_confirmed and mine.checked_in_at is not None


def test_it_reads_a_waiting_registration(alice, bob, make_event):
    event = make_event(capacity=1)
    services.register(event=event, user=bob)
    services.register(event=event, user=alice)

    _event, mine = _read(alice, event)

    assert _columns(mine) == _columns(my_registration(alice, event))
    assert mine.user_id == alice.pk and not mine.is_confirmed


def test_it_finds_none_for_carol_when_bob_is_registered(bob, carol, make_event):
    event = make_event()
    services.register(event=event, user=bob)

    assert _read(carol, event) == (event, None)


def test_it_finds_none_once_alice_cancelled(alice, make_event):
    event = make_event()
    services.cancel(registration=services.register(event=event, user=alice))

    assert _read(alice, event) == (event, None)


def test_it_finds_none_for_someone_signed_out(make_event):
    from django.contrib.auth.models import AnonymousUser

    event = make_event(audience="public")

    assert _read(AnonymousUser(), event) == (event, None)


@pytest.mark.usefixtures("english")
def test_the_live_page_is_refused_once_alice_cancelled(alice_client, alice, make_event):
    event = make_event()
    registration = services.register(event=event, user=alice)
    assert alice_client.get(url("live", event.slug)).status_code == 200

    services.cancel(registration=registration)

    assert alice_client.get(url("live", event.slug)).status_code == 403


@pytest.mark.usefixtures("english")
def test_the_live_page_is_refused_to_alice_waiting_and_to_carol(
    alice_client, alice, bob, carol, client, make_event
):
    event = make_event(capacity=1)
    services.register(event=event, user=bob)
    services.register(event=event, user=alice)
    client.force_login(carol)

    assert alice_client.get(url("live", event.slug)).status_code == 403
    assert client.get(url("live", event.slug)).status_code == 403


@pytest.mark.usefixtures("english")
def test_the_event_page_offers_the_form_again_once_alice_cancelled(alice_client, alice, make_event):
    event = make_event()
    registration = services.register(event=event, user=alice)
    page = alice_client.get(url("detail", event.slug)).content.decode()
    assert "You are registered" in page

    services.cancel(registration=registration)

    page = alice_client.get(url("detail", event.slug)).content.decode()
    assert "You are registered" not in page
    assert 'action="' + url("register", event.slug) in page
