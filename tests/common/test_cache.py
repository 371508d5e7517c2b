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
