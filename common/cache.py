"""The shared cache on Redis: Django's backend, with one Redis client per connection pool.

Django's RedisCacheClient builds a new redis-py client for every cache call, and a client
sets up some five hundred response callbacks when it is made: about half a millisecond a
call on a small server, three to five calls a page (the session, the header's counts).
A redis-py client is safe to share between threads (its pool hands out connections), so
one per pool is kept.

And one per process for each set of servers and options: Django makes a backend per thread
and per async context, and every socket runs in its own context, so each socket opened its
own pool and kept a Redis connection until garbage collection (a thousand for a room of a
thousand). redis-py's pool is safe to share between threads and is made anew in a forked
process.
"""

import threading

from django.core.cache.backends import redis
from django.db import transaction
from django.utils.functional import cached_property

_clients = {}
_clients_lock = threading.Lock()


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    @cached_property
    def _cache(self):
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        with _clients_lock:
            client = _clients.get(key)
            if client is None:
                client = _clients[key] = self._class(self._servers, **self._options)
        return client


def forget_now_and_on_commit(forget, *args):
    """Forget what the cache keeps of data that changed: now, for the rest of this
    transaction; and once committed, for what other requests read meanwhile from the data
    before it (and kept again)."""
    forget(*args)
    transaction.on_commit(lambda: forget(*args))
