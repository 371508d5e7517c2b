"""The community is built once per test module, inside a transaction rolled back at the
module's end; each test runs in a savepoint of it, so what a test writes is undone.
One client per persona, signed in once."""

import pytest

from tests.privacy.community import community_for_module


@pytest.fixture(scope="module")
def community(django_db_setup, django_db_blocker, tmp_path_factory):
    with community_for_module(django_db_blocker, tmp_path_factory) as built:
        yield built


@pytest.fixture(autouse=True)
def _community_files(_isolated, settings, community, db):
    """The attachments live in the community's media folder, not the test's own."""
    settings.MEDIA_ROOT = community.media_root
    settings.PRIVATE_MEDIA_ROOT = community.private_media_root
