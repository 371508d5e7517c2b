"""Links that differ only by their last key, for the rows of a list: reversed once.

cached_reverse() keeps each link, but asks on every call for the active language, the
script prefix and the URL conf (some thirty calls): fifty chat messages, each with its
report link, asked fifty times for the same three answers.
"""

from common.urls import cached_reverse

# A key no row has, put in the link's place to find where each row's key goes.
_HOLE = 987_654_321_012


def links_by_key(viewname, *args):
    """A function of a key that gives cached_reverse(viewname, *args, key). The view's
    pattern must take the key last, as a path segment of its own (`.../<int:pk>/...`)."""
    head, hole, tail = cached_reverse(viewname, *args, _HOLE).rpartition(f"/{_HOLE}/")
    if not hole:
        raise ValueError(f"{viewname} does not take its key as a segment of its own")
    return lambda key: f"{head}/{int(key)}/{tail}"
