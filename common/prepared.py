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
`if` on a value; a rule that differs by viewer is no builder). What may change the SQL is
the length of a list and a SHAPE parameter (a page's offset, say: LIMIT and OFFSET are
written into the SQL), which are part of the shape: one compilation each. A parameter is a
key (ID), a list of keys (ID_LIST), a moment (MOMENT), a day (DAY: a date; the builder is
given "today" rather than reading it), a text matched exactly (TEXT), a
SHAPE value, or the VIEWER a visibility rule is for: the builder gets a stand-in of the
same kind (signed in or not, staff or not: the shape), whose key takes the viewer's place.
The builder returns a values_list() queryset (rows come back as tuples, or values with
flat=True) or a plain one (model instances, with what select_related and prefetch_related
read).

On PostgreSQL (DATABASE_PREPARED_STATEMENTS, on by default), each connection also prepares
a Prepared query on the server the first time it runs it: PostgreSQL then stops planning
it on every call once it has found a generic plan as good as the plans it made for the
first calls' values. Planning was most of the database's work on the main pages (home: 1.2
ms of planning against 0.5 ms of running its queries); under load the database's share of
a request halves. A generic plan is one plan for every value, and it guesses a key's
average rows: for a key whose rows number a few or thousands, read in order and limited,
it read them all and sorted them (15 ms where the plan for the values took 0.5 on the
large data set). The fix is an index in the list's order, the key then the order, with no
index on the key alone beside it, and a partial index's condition written out in the query
(not a bound value): nothing is left to sort, and the one plan fits every key (a thread's
replies, a member's notifications, an event's listed attendees). Where no such index
fits, the query is planned on each call: `plan_each_call=True`. `make bench` checks the
prepared queries of every main page on the large data set (bench/generic_plans.py): the
plan PostgreSQL keeps after a member's first calls against the plan for the values; a new
query of another page is checked by hand, under `SET plan_cache_mode =
force_generic_plan`. Queries outside common.prepared are never prepared on the server.

Where settings.MAILLAGE_CHECK_PREPARED is on (the test suite), every call also compiles the
queryset the usual way and refuses to run when the SQL or a parameter differs: a builder
that breaks the rule fails its tests, not a member's page.
"""

import itertools
import threading
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import prefetch_related_objects
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)

ID = "id"
ID_LIST = "id_list"
MOMENT = "moment"
DAY = "day"
TEXT = "text"  # compared as it is (an exact lookup; a `contains` lookup is refused)
SHAPE = "shape"
VIEWER = "viewer"  # the person a rule is for: signed in or not, staff or not, is the shape

INT64 = (-(2**63), 2**63 - 1)

# Markers: values no call passes, each one distinct, of the parameter's type.
_MARKER_KEYS = itertools.count(8_100_000_000_001)
_MARKER_EPOCH = datetime(2999, 12, 30, tzinfo=UTC)
_MARKER_DAYS = itertools.count(1)
_MARKER_MOMENTS = itertools.count(1)


def _execute_prepared(raw, cursor, sql, params):
    """Run `sql` through Django's cursor (query logging and execute_wrapper see it), as a
    statement psycopg prepares on the server at its first run on this connection and
    reuses after. The connection's own threshold (None: nothing else is prepared) is put
    back at once; psycopg finds a statement it prepared by its text at the next call."""
    threshold = raw.prepare_threshold
    raw.prepare_threshold = 0
    try:
        cursor.execute(sql, params)
    finally:
        raw.prepare_threshold = threshold


def _marker(kind, length):
    if kind == ID:
        return next(_MARKER_KEYS)
    if kind == ID_LIST:
        return [next(_MARKER_KEYS) for _ in range(length)]
    if kind == MOMENT:
        return _MARKER_EPOCH + timedelta(microseconds=next(_MARKER_MOMENTS))
    if kind == DAY:
        return date(2998, 1, 1) + timedelta(days=next(_MARKER_DAYS) % 300)
    if kind == TEXT:
        return f"~prepared marker {next(_MARKER_KEYS)}~"
    if kind == VIEWER:
        signed_in, staff = length
        if not signed_in:
            return AnonymousUser()
        return get_user_model()(pk=next(_MARKER_KEYS), is_staff=staff, is_active=True)
    raise ImproperlyConfigured(f"unknown kind of prepared parameter: {kind!r}")


class _Compiled:
    """One shape's SQL, where each parameter goes, the columns' converters, and how rows
    become what the queryset gives."""

    def __init__(self, sql, slots, fixed, converters, col_count, rows_to_results):
        self.sql = sql
        self.slots = slots  # position -> (name, index in a list or None, adapter)
        self.fixed = fixed  # the parameters that are not markers, by position
        self.converters = converters
        self.col_count = col_count
        self.rows_to_results = rows_to_results

    def params(self, values):
        params = list(self.fixed)
        for position, (name, index, adapt) in self.slots.items():
            value = values[name] if index is None else values[name][index]
            params[position] = adapt(value)
        return params


_EMPTY = object()


class Prepared:
    def __init__(self, build, *, using=DEFAULT_DB_ALIAS, plan_each_call=False, **kinds):
        self.build = build
        self.kinds = kinds
        self.using = using
        self.plan_each_call = plan_each_call
        self._compiled = {}
        self._lock = threading.Lock()

    def __call__(self, **values):
        values = self._normalized(values)
        if not self._fits(values):
            # A key no column holds (a forged address): Django's lookups answer it (no row,
            # or every row for `<`) where the database would refuse it.
            return list(self.build(**values))
        shape = tuple(_shape(kind, values[name]) for name, kind in self.kinds.items())
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
            if self.plan_each_call or not connection.settings_dict["OPTIONS"].get(
                "server_side_binding"
            ):
                cursor.execute(compiled.sql, params)
            else:
                _execute_prepared(connection.connection, cursor, compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.col_count is not None:
            rows = [row[: compiled.col_count] for row in rows]
        if compiled.converters:
            rows = _converted(rows, compiled.converters, connection)
        return compiled.rows_to_results(rows)

    def _fits(self, values):
        for name, kind in self.kinds.items():
            keys = values[name] if kind == ID_LIST else [values[name]] if kind == ID else []
            if any(not isinstance(key, int) or not INT64[0] <= key <= INT64[1] for key in keys):
                return False
        return True

    def _normalized(self, values):
        if set(values) != set(self.kinds):
            raise TypeError(f"a prepared query takes {sorted(self.kinds)}, not {sorted(values)}")
        normalized = {}
        for name, kind in self.kinds.items():
            value = values[name]
            if kind == ID_LIST:
                # As Django's `__in` does: each key once, in order, None left out.
                value = [key for key in dict.fromkeys(value) if key is not None]
            elif value is None and kind != SHAPE:
                raise ValueError(f"{name}: a prepared query takes no None (IS NULL is other SQL)")
            normalized[name] = value
        return normalized

    def _compile(self, shape):
        markers = {
            name: value if kind == SHAPE else _marker(kind, value)
            for (name, kind), value in zip(self.kinds.items(), shape, strict=True)
        }
        queryset = self.build(**markers)
        rows_to_results = _results_maker(queryset)
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
            TEXT: [_as_given],
            VIEWER: [_viewer_key],
            MOMENT: [_as_given, connection.ops.adapt_datetimefield_value],
            DAY: [_as_given, connection.ops.adapt_datefield_value],
        }
        wanted = {}
        for name, marker in markers.items():
            pairs = enumerate(marker) if isinstance(marker, list) else [(None, marker)]
            for index, value in pairs:
                kind = self.kinds[name]
                if kind == SHAPE or (kind == VIEWER and not value.is_authenticated):
                    continue  # in the shape, not among the parameters
                wanted[name, index] = (value, adapters[kind])
        slots, found = {}, set()
        for position, param in enumerate(params):
            for (name, index), (marker, ways) in wanted.items():
                adapter = next((way for way in ways if _same(param, way(marker))), None)
                if adapter is not None:
                    slots[position] = (name, index, adapter)
                    found.add((name, index))
                    break
        # A parameter may go unused in a shape (a visitor's rule reads no tier, say); but a
        # marker found changed (wrapped in a pattern, shifted, cut to its date) or written
        # into the SQL would run with the marker's value: refused.
        leaked = [
            param
            for position, param in enumerate(params)
            if position not in slots and _looks_like_a_marker(param)
        ]
        written = {str(way(value)) for value, ways in wanted.values() for way in ways}
        if leaked or any(text in sql for text in written):
            raise ImproperlyConfigured(
                "prepared query: a parameter must reach the SQL as given (not in a pattern, "
                f"not changed, not written into the SQL): {leaked or sql}"
            )
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(fields)
        col_count = compiler.col_count if compiler.has_extra_select else None
        fixed = [None if position in slots else param for position, param in enumerate(params)]
        if rows_to_results is None:  # models: built as ModelIterable builds them
            rows_to_results = _models_maker(queryset, compiler)
        return _Compiled(sql, slots, fixed, list(converters.items()), col_count, rows_to_results)

    def _check(self, compiled, params, values):
        queryset = self.build(**values)
        sql, expected = queryset.query.get_compiler(using=self.using).as_sql()
        if sql != compiled.sql or list(expected) != list(params):
            raise ImproperlyConfigured(
                "a prepared query's SQL differs from its queryset's: its builder must not "
                f"depend on its values.\nprepared: {compiled.sql} {params}\n"
                f"queryset: {sql} {list(expected)}"
            )


def _results_maker(queryset):
    """How rows become the queryset's results: tuples, values, or (None) models, whose
    makers need the compiled query."""
    if queryset._fields is not None and queryset._iterable_class is ValuesListIterable:
        return lambda rows: [tuple(row) for row in rows]
    if queryset._iterable_class is FlatValuesListIterable:
        return lambda rows: [row[0] for row in rows]
    if queryset._iterable_class is not ModelIterable or queryset._known_related_objects:
        raise ImproperlyConfigured(
            "a prepared query returns models or values_list() rows, and knows no related "
            "objects (a related manager's queryset)"
        )
    return None


def _models_maker(queryset, compiler):
    """ModelIterable's making of models from rows, with what the compiled query noted."""
    db = queryset.db
    select, klass_info = compiler.select, compiler.klass_info
    annotations = compiler.annotation_col_map or {}
    model = klass_info["model"]
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    init_list = [column[0].target.attname for column in select[start:end]]
    populators = get_related_populators(klass_info, select, db)
    lookups = queryset._prefetch_related_lookups

    def make(rows):
        objects = []
        for row in rows:
            obj = model.from_db(db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in annotations.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        if lookups:
            prefetch_related_objects(objects, *lookups)
        return objects

    return make


def _shape(kind, value):
    if kind == ID_LIST:
        return len(value)
    if kind == SHAPE:
        return value
    if kind == VIEWER:
        return (value.is_authenticated, value.is_authenticated and value.is_staff)
    return None


def _viewer_key(user):
    return user.pk


def _looks_like_a_marker(param):
    if isinstance(param, bool):
        return False
    if isinstance(param, int):
        return param >= 8_100_000_000_000
    if isinstance(param, date):  # datetimes too
        return param.year >= 2998
    if isinstance(param, str):
        return "~prepared marker" in param or param.startswith(("2998-", "2999-"))
    return False


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


def partial(model, **columns):
    """A model as the ORM builds a row's objects (from_db), with these columns only (the
    others deferred), for rows a prepared query read as values: built the plain way, every
    other field would get its default."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in columns]
    return model.from_db(None, names, [columns[name] for name in names])
