"""A request that fails or is refused leaves nothing behind."""

import pytest
from django.http import HttpResponse
from django.urls import path

import analytics
from analytics.models import Activity
from community import urls as site_urls
from spaces.models import Space, SpacePolicy


def writes_then_fails(request):
    Space.objects.create(name="À moitié", slug="a-moitie")
    raise RuntimeError("the disk is full")


def writes_then_refuses(request):
    Space.objects.create(name="Refusé", slug="refuse")
    analytics.record(request.user, "space.created", Space.objects.get(slug="refuse"))
    return HttpResponse("No", status=400)


def writes_and_succeeds(request):
    Space.objects.create(name="Fait", slug="fait")
    return HttpResponse("Ok")


urlpatterns = [
    path("fails/", writes_then_fails),
    path("refuses/", writes_then_refuses),
    path("succeeds/", writes_and_succeeds),
    *site_urls.urlpatterns,
]


@pytest.fixture
def writing_views(settings):
    settings.ROOT_URLCONF = __name__


def test_a_write_request_that_fails_leaves_no_row(client, alice, writing_views):
    client.raise_request_exception = False
    client.force_login(alice)
    assert client.post("/fails/").status_code == 500
    assert not Space.objects.exists()


def test_a_refused_write_request_leaves_no_row(client, alice, writing_views):
    client.force_login(alice)
    assert client.post("/refuses/").status_code == 400
    assert not Space.objects.exists()
    assert not Activity.objects.exists()


def test_a_successful_write_request_is_kept(client, alice, writing_views):
    client.force_login(alice)
    assert client.post("/succeeds/").status_code == 200
    assert Space.objects.filter(slug="fait").exists()


def test_a_refused_space_creation_writes_no_settings_row(client, bob):
    client.force_login(bob)
    assert client.get("/en/spaces/new/").status_code == 403
    assert client.post("/en/spaces/new/", {"name": "Mon espace"}).status_code == 403
    assert not SpacePolicy.objects.exists()
    assert not Space.objects.exists()


def test_reading_the_notification_settings_writes_nothing(client, bob):
    from community.models import NotificationSettings

    client.force_login(bob)
    assert client.get("/notifications/settings/").status_code == 200
    assert not NotificationSettings.objects.exists()
