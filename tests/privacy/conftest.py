"""The community is built once per test module, inside a transaction rolled back at the
module's end; each test runs in a savepoint of it, so what a test writes is undone.
One client per persona, signed in once."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

from tests.privacy.community import PERSONAS, build_community


@pytest.fixture(scope="module")
def community(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("privacy-media")
    private = tmp_path_factory.mktemp("privacy-private-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=private),
        translation.override(settings.LANGUAGE_CODE),
        transaction.atomic(),
    ):
        built = build_community()
        built.media_root = media
        built.private_media_root = private
        built.clients = {}
        for persona in PERSONAS:
            client = Client(raise_request_exception=False)
            if persona != "anonymous":
                client.force_login(built.users[persona])
            built.clients[persona] = client
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _community_files(_isolated, settings, community, db):
    """The attachments live in the community's media folder, not the test's own."""
    settings.MEDIA_ROOT = community.media_root
    settings.PRIVATE_MEDIA_ROOT = community.private_media_root
