"""The shared cache on Redis (common.cache): one redis-py client per pool, reused."""

import os

import pytest

from common.cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="needs Redis (REDIS_URL)")


def test_the_cache_reuses_its_client_and_keeps_what_it_is_given():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-common-cache"})
    client = cache._cache.get_client()
    cache.set("answer", {"value": 42}, 30)
    assert cache.get("answer") == {"value": 42}
    assert cache.get_many(["answer", "nothing"]) == {"answer": {"value": 42}}
    cache.delete("answer")
    assert cache.get("answer") is None
    assert cache._cache.get_client(write=True) is client


def test_backends_of_other_threads_and_sockets_share_one_client():
    """Django makes a backend per thread and per async context (every socket has one)."""
    first = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-common-cache"})
    second = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-common-cache"})
    first.set("shared", 1, 30)
    assert second.get("shared") == 1
    assert second._cache is first._cache
    assert second._cache.get_client() is first._cache.get_client()
    first.delete("shared")


def test_backends_with_other_options_keep_their_own_client():
    first = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-common-cache"})
    other = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-common-cache", "OPTIONS": {"db": 1}})
    assert other._cache is not first._cache
