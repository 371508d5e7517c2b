"""The cast every test reuses: alice, bob, carol and dan (members), staff, and a visitor.

Where things go: data builders (factories, make_space, form data, images) in
tests/factories/, one module per app, all importable from tests.factories; what tests in
several folders share (query counts, moving time, sockets, browser sign-in) in
tests/helpers.py; a folder's own cast in its conftest.py, which no other folder imports.
"""

import shutil
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from tests.factories import UserFactory, verified


def pytest_collection_modifyitems(items):
    """Browser tests run last: their event loop would disturb the async tests after them."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the test database is a file (in WAL mode, as `make run` uses) rather than
    Django's shared in-memory database: the browser and socket tests read and write it from
    several threads at once, and the shared cache answers such a read "database table is
    locked" at once, where a file waits for the writer."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_in_process():
    """No Celery worker runs beside the tests: tasks run where they are queued."""
    from community.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Each test gets its own media folders and an empty cache (rate limits live there);
    every prepared query is checked against its queryset (common.prepared)."""
    settings.MAILLAGE_CHECK_PREPARED = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    yield
    cache.clear()
    shutil.rmtree(tmp_path / "media", ignore_errors=True)
    shutil.rmtree(tmp_path / "private_media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (French). A request leaves the language
    LocaleMiddleware chose active in the thread: without this, a test's language would
    depend on the tests that ran before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def alice(db):
    return verified(
        UserFactory(
            email="alice@example.org",
            profile__display_name="Alice Tremblay",
            profile__organization="Banque alimentaire de Québec",
            profile__region="03",
            profile__interests=["Sécurité alimentaire", "Jardins communautaires"],
        )
    )


@pytest.fixture
def bob(db):
    return verified(
        UserFactory(
            email="bob@example.org",
            profile__display_name="Bob Gagnon",
            profile__region="06",
            profile__interests=["Jardins communautaires", "Logement"],
            profile__skills_offered=["Comptabilité"],
        )
    )


@pytest.fixture
def carol(db):
    return verified(UserFactory(email="carol@example.org", profile__display_name="Carol Roy"))


@pytest.fixture
def dan(db):
    return verified(
        UserFactory(
            email="dan@example.org",
            profile__display_name="Dan Côté",
            profile__interests=["Sécurité alimentaire"],
        )
    )


@pytest.fixture
def staff(db):
    return verified(
        UserFactory(
            email="staff@example.org",
            is_staff=True,
            is_superuser=True,
            profile__display_name="Sam Staff",
        )
    )


@pytest.fixture
def staff_with_totp(staff):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    return staff


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def staff_client(client, staff_with_totp):
    client.force_login(staff_with_totp)
    return client


@pytest.fixture
def make_event(db):
    """make_event(title="Assemblée", capacity=2, ...): a published members' event in a week."""
    counter = iter(range(1000))

    def make(**fields):
        number = next(counter)
        start = fields.pop("starts_at", timezone.now() + timedelta(days=7))
        values = {
            "title": f"Événement {number}",
            "slug": f"evenement-{number}",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "venue": "Centre communautaire",
            "audience": "members",
        }
        values.update(fields)
        interests = values.pop("interests", [])
        from events.models import Event

        event = Event.objects.create(**values)
        if interests:
            event.interests.set(interests)
        return event

    return make
