"""A paginator for long lists whose exact total costs more than the page itself."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CachedCountPaginator(Paginator):
    """The total (and so the number of pages) is kept `timeout` seconds under a key made of
    `key_parts`: a list of 50,000 members counts them once a minute, not on every page.
    The parts must name everything the total depends on (the filters, and the viewer where
    the rule that lists the rows depends on who asks); the page itself is always read:
    from `object_list`, or by `rows(bottom, top)` where given (a prepared query of the same
    rows, common.prepared). With `rows`, `object_list` may be a function that builds the
    queryset: it is then built only to count, when the kept total is missing (building a
    list's query with its visibility rule costs more than reading a prepared page)."""

    def __init__(self, object_list, per_page, *, key_parts, timeout=60, rows=None, **kwargs):
        if callable(object_list) and rows is None:
            object_list = object_list()
        self.build = object_list if callable(object_list) else None
        super().__init__([] if self.build else object_list, per_page, **kwargs)
        self.rows = rows
        digest = hashlib.sha256(repr(tuple(key_parts)).encode()).hexdigest()[:32]
        self.count_key = f"pagination:count:{digest}"
        self.count_timeout = timeout

    @cached_property
    def count(self):
        total = cache.get(self.count_key)
        if total is None:
            if self.build is not None:
                self.object_list = self.build()
            total = Paginator.count.func(self)
            cache.set(self.count_key, total, self.count_timeout)
        return total

    def page(self, number):
        """Django's page, but its rows are not cut at the kept total: a row added since the
        total was counted still shows on the last page (up to a full page)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top += self.orphans
        rows = self.object_list[bottom:top] if self.rows is None else self.rows(bottom, top)
        return self._get_page(rows, number, self)


class PreparedPaginator(Paginator):
    """A paginator whose total and rows come from functions (prepared queries, common.
    prepared): `total()` and `rows(bottom, top)`. Django's counts its queryset, built and
    compiled on every visit."""

    def __init__(self, total, rows, per_page, **kwargs):
        super().__init__([], per_page, **kwargs)
        self._total = total
        self.rows = rows

    @cached_property
    def count(self):
        return self._total()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(bottom, top), number, self)
