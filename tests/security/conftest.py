"""The sweep's community is built once per module, inside a transaction rolled back at
the module's end, and crawled once (as tests/privacy does); each test runs in a savepoint
of it (pytest-django's db)."""

import pytest
from django.conf import settings
from django.db import transaction
from django.template import Template
from django.test import override_settings
from django.utils import translation

from tests.security import community as community_module
from tests.security.crawler import addresses
from tests.security.sweep import crawl


def _render(template, context):
    """Template._render as it is outside tests: without the test client's copy of every
    context (the admin's selects render hundreds of templates a page)."""
    return template.nodelist.render(context)


@pytest.fixture(scope="module")
def community(django_db_setup, django_db_blocker, tmp_path_factory):
    """The community, and the forms each persona finds on its pages."""
    media = tmp_path_factory.mktemp("sweep-media")
    private = tmp_path_factory.mktemp("sweep-private-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=private),
        translation.override(settings.LANGUAGE_CODE),
        pytest.MonkeyPatch.context() as monkeypatch,
        transaction.atomic(),
    ):
        monkeypatch.setattr(Template, "_render", _render)
        built = community_module.build()
        built.media_root, built.private_media_root = media, private
        built.found = crawl(built, addresses(built))
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def sweep_settings(_isolated, community, settings, monkeypatch):
    """The community's files; rate limits high enough that the sweep's thousands of
    requests are never refused for their number (test_rate_limits.py checks the limits);
    and a sweep that runs in minutes: a fast password hasher, a server error raised where
    it happens rather than rendered as the debug page, templates rendered plainly."""
    settings.MEDIA_ROOT = community.media_root
    settings.PRIVATE_MEDIA_ROOT = community.private_media_root
    settings.MAILLAGE_RATE_LIMITS = dict.fromkeys(settings.MAILLAGE_RATE_LIMITS, "100000/m")
    settings.ACCOUNT_RATE_LIMITS = False
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    monkeypatch.setattr(Template, "_render", _render)
