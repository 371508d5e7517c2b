"""Queries compiled once per process, then run with each call's values.

Django builds and compiles a queryset's SQL on every call: joins resolved, expressions
compiled, columns quoted. For the few queries every visit of a busy page runs, that is
most of their cost (1.5 to 2 ms of a page's 15 on a small server, against a few tenths for
PostgreSQL to answer). A Prepared query builds its queryset once per shape with marker
values, compiles it, notes where each marker landed among the parameters, and from then on
puts each call's values in their places:

    started = Prepared(
        lambda spaces, before: Thread.objects.filter(space__in=spaces, created_at__lt=before)
        .order_by("-created_at")
        .values_list("pk", "title")[:20],
        spaces=ID_LIST,
        before=MOMENT,
    )
    rows = started(spaces=[3, 5], before=now)   # [(pk, title), ...], as values_list gives

The builder must be a plain function of its parameters: the same SQL for any values (no
`if` on a value; a rule that differs by viewer is no builder). The one thing that may change
the SQL is the length of a list, which is part of the shape. A parameter is a key (ID), a
list of keys (ID_LIST) or a moment (MOMENT). The builder returns a values_list() queryset.

Where settings.MAILLAGE_CHECK_PREPARED is on (the test suite), every call also compiles the
queryset the usual way and refuses to run when the SQL or a parameter differs: a builder
that breaks the rule fails its tests, not a member's page.
"""

import itertools
import threading
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections

ID = "id"
ID_LIST = "id_list"
MOMENT = "moment"

# Markers: values no call passes, each one distinct, of the parameter's type.
_MARKER_KEYS = itertools.count(8_100_000_000_001)
_MARKER_EPOCH = datetime(2999, 12, 30, tzinfo=UTC)
_MARKER_MOMENTS = itertools.count(1)


def _marker(kind, length):
    if kind == ID:
        return next(_MARKER_KEYS)
    if kind == ID_LIST:
        return [next(_MARKER_KEYS) for _ in range(length)]
    if kind == MOMENT:
        return _MARKER_EPOCH + timedelta(microseconds=next(_MARKER_MOMENTS))
    raise ImproperlyConfigured(f"unknown kind of prepared parameter: {kind!r}")


class _Compiled:
    """One shape's SQL, where each parameter goes, and the columns' converters."""

    def __init__(self, sql, slots, fixed, converters, col_count):
        self.sql = sql
        self.slots = slots  # position -> (name, index in a list or None, adapter)
        self.fixed = fixed  # the parameters that are not markers, by position
        self.converters = converters
        self.col_count = col_count

    def params(self, values):
        params = list(self.fixed)
        for position, (name, index, adapt) in self.slots.items():
            value = values[name] if index is None else values[name][index]
            params[position] = adapt(value)
        return params


_EMPTY = object()


class Prepared:
    def __init__(self, build, *, using=DEFAULT_DB_ALIAS, **kinds):
        self.build = build
        self.kinds = kinds
        self.using = using
        self._compiled = {}
        self._lock = threading.Lock()

    def __call__(self, **values):
        values = self._normalized(values)
        shape = tuple(
            len(values[name]) if kind == ID_LIST else None for name, kind in self.kinds.items()
        )
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = self._compile(shape)
            with self._lock:
                if len(self._compiled) > 512:  # lists of every length: keep it bounded
                    self._compiled.clear()
                self._compiled[shape] = compiled
        if compiled is _EMPTY:
            return []
        params = compiled.params(values)
        if getattr(settings, "MAILLAGE_CHECK_PREPARED", False):
            self._check(compiled, params, values)
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.col_count is not None:
            rows = [row[: compiled.col_count] for row in rows]
        if compiled.converters:
            rows = _converted(rows, compiled.converters, connection)
        return [tuple(row) for row in rows]

    def _normalized(self, values):
        if set(values) != set(self.kinds):
            raise TypeError(f"a prepared query takes {sorted(self.kinds)}, not {sorted(values)}")
        normalized = {}
        for name, kind in self.kinds.items():
            value = values[name]
            if kind == ID_LIST:
                # As Django's `__in` does: each key once, in order, None left out.
                value = [key for key in dict.fromkeys(value) if key is not None]
            elif value is None:
                raise ValueError(f"{name}: a prepared query takes no None (IS NULL is other SQL)")
            normalized[name] = value
        return normalized

    def _compile(self, shape):
        markers = {
            name: _marker(kind, length)
            for (name, kind), length in zip(self.kinds.items(), shape, strict=True)
        }
        queryset = self.build(**markers)
        connection = connections[self.using]
        compiler = queryset.query.get_compiler(using=self.using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return _EMPTY
        # Where each marker landed: as given (a key; a moment on PostgreSQL), or as the
        # backend writes a moment (text on SQLite).
        adapters = {
            ID: [_as_given],
            ID_LIST: [_as_given],
            MOMENT: [_as_given, connection.ops.adapt_datetimefield_value],
        }
        wanted = {}
        for name, marker in markers.items():
            pairs = enumerate(marker) if isinstance(marker, list) else [(None, marker)]
            for index, value in pairs:
                wanted[name, index] = (value, adapters[self.kinds[name]])
        slots, found = {}, set()
        for position, param in enumerate(params):
            for (name, index), (marker, ways) in wanted.items():
                adapter = next((way for way in ways if _same(param, way(marker))), None)
                if adapter is not None:
                    slots[position] = (name, index, adapter)
                    found.add((name, index))
                    break
        missing = set(wanted) - found
        if missing or len(slots) != len(found):
            raise ImproperlyConfigured(
                f"prepared query: each parameter must appear once in the SQL as given; "
                f"{sorted(name for name, _ in missing)} did not"
            )
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(fields)
        col_count = compiler.col_count if compiler.has_extra_select else None
        fixed = [None if position in slots else param for position, param in enumerate(params)]
        return _Compiled(sql, slots, fixed, list(converters.items()), col_count)

    def _check(self, compiled, params, values):
        queryset = self.build(**values)
        sql, expected = queryset.query.get_compiler(using=self.using).as_sql()
        if sql != compiled.sql or list(expected) != list(params):
            raise ImproperlyConfigured(
                "a prepared query's SQL differs from its queryset's: its builder must not "
                f"depend on its values.\nprepared: {compiled.sql} {params}\n"
                f"queryset: {sql} {list(expected)}"
            )


def _as_given(value):
    return value


def _same(param, marker):
    return type(param) is type(marker) and param == marker


def _converted(rows, converters, connection):
    for row in rows:
        row = list(row)
        for position, (functions, expression) in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        yield row
