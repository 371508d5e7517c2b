"""Versions under which what is derived from a set of rows is kept in the cache: a new
version when the rows change, and what was kept under the old one is no longer read."""

import uuid

from django.core.cache import cache


def current(key):
    """The version kept under `key`, made on first use."""
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(key, version, None):
            version = cache.get(key) or version
    return version


def renew(key):
    """A new version: everything kept under the old one is read again."""
    cache.set(key, uuid.uuid4().hex, None)


def current_many(keys):
    """{key: version} for several keys, in one cache read (made for those that have none)."""
    kept = cache.get_many(keys) if keys else {}
    return {key: kept.get(key) or current(key) for key in keys}


def current_many_and(keys, others):
    """current_many(keys), and in the same cache read the keys `others` (kept without a
    version): ({key: version}, {other key: its value, where kept})."""
    kept = cache.get_many([*keys, *others]) if keys or others else {}
    found = {key: kept[key] for key in others if key in kept}
    return {key: kept.get(key) or current(key) for key in keys}, found
