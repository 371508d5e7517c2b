"""Settings come from the environment; production settings pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from community.env import env_bool, env_int, env_list

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "communaute.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/maillage",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
}
OUTER = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def manage(*args, **env):
    clean = {key: value for key, value in os.environ.items() if key not in OUTER}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_checks_are_clean_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_start_up_refuses_a_missing_secret_key_when_debug_is_off():
    env = {**PRODUCTION}
    del env["SECRET_KEY"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a long random value" in result.stderr


@pytest.mark.parametrize("key", ["change-me", "django-insecure-dev-only", "django-insecure-abc"])
def test_start_up_refuses_a_default_secret_key_when_debug_is_off(key):
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_development_starts_without_a_secret_key():
    result = manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def runtime_mode(**env):
    """The database, channel layer, cache, broker and task mode Maillage picks in env."""
    result = manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CHANNEL_LAYERS['default']['BACKEND'], "
        "s.CACHES['default']['BACKEND'], s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER)",
        **env,
    )
    return result.stdout.split()


def test_without_services_maillage_runs_embedded():
    assert runtime_mode(DEBUG="1") == [
        "django.db.backends.sqlite3",
        "channels.layers.InMemoryChannelLayer",
        "django.core.cache.backends.locmem.LocMemCache",
        "memory://",
        "True",
    ]


def test_with_services_maillage_uses_postgresql_and_redis():
    assert runtime_mode(**PRODUCTION) == [
        "django.db.backends.postgresql",
        "channels_redis.pubsub.RedisPubSubChannelLayer",
        "common.cache.RedisCache",
        "redis://127.0.0.1:6379/1",
        "False",
    ]


def test_the_channel_layer_can_be_chosen():
    """Production keeps the pub/sub layer (bench/space_chat.py measures both)."""
    assert runtime_mode(**PRODUCTION, CHANNEL_LAYER="core")[1] == (
        "channels_redis.core.RedisChannelLayer"
    )


def test_an_unknown_channel_layer_is_refused_with_the_choices():
    result = manage("check", **PRODUCTION, CHANNEL_LAYER="rabbit")
    assert result.returncode != 0
    assert "CHANNEL_LAYER must be one of pubsub, core, not 'rabbit'" in result.stderr


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("0", False), ("", False)]
)
def test_booleans_read_from_the_environment(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG") is expected


def test_a_bad_boolean_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be a boolean"):
        env_bool("SOME_FLAG")


def test_a_bad_number_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("SOME_PORT", "eighty")
    with pytest.raises(ImproperlyConfigured, match="SOME_PORT must be a whole number"):
        env_int("SOME_PORT", 25)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", " a.example.org, b.example.org ,")
    assert env_list("SOME_HOSTS") == ["a.example.org", "b.example.org"]
