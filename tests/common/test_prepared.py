"""Prepared queries give what their queryset gives, compile once per shape, and refuse a
builder whose SQL depends on its values."""

import runpy
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.prepared import ID, ID_LIST, MOMENT, TEXT, Prepared
from members.models import Profile, User
from tests.factories import UserFactory


def profiles_named(ids, before):
    return (
        Profile.objects.filter(pk__in=ids, user__date_joined__lt=before)
        .order_by("display_name")
        .values_list("pk", "display_name", "user__date_joined")
    )


@pytest.fixture
def people(db):
    now = timezone.now()
    users = [
        UserFactory(profile__display_name=name, date_joined=now - timedelta(days=days))
        for name, days in (("Ana", 3), ("Béa", 2), ("Chloé", 1))
    ]
    return [user.profile for user in users], now


def test_a_prepared_query_reads_what_its_queryset_reads(people):
    profiles, now = people
    prepared = Prepared(profiles_named, ids=ID_LIST, before=MOMENT)
    for ids, before in (
        ([p.pk for p in profiles], now),
        ([profiles[2].pk, profiles[0].pk], now),
        ([p.pk for p in profiles], now - timedelta(hours=36)),
        ([profiles[1].pk, profiles[1].pk, None], now),  # as __in: once each, no None
    ):
        expected = list(profiles_named([i for i in ids if i], before))
        assert prepared(ids=ids, before=before) == expected
    rows = prepared(ids=[profiles[0].pk], before=now)
    assert rows[0][2].tzinfo is not None  # moments come back as Django gives them


def test_it_compiles_once_per_shape_and_an_empty_list_reads_nothing(people, settings):
    settings.MAILLAGE_CHECK_PREPARED = False
    profiles, now = people
    built = []

    def build(ids, before):
        built.append(len(ids))
        return profiles_named(ids, before)

    prepared = Prepared(build, ids=ID_LIST, before=MOMENT)
    prepared(ids=[profiles[0].pk], before=now)
    prepared(ids=[profiles[1].pk], before=now - timedelta(days=1))
    prepared(ids=[profiles[0].pk, profiles[1].pk], before=now)
    assert built == [1, 2]
    with CaptureQueriesContext(connection) as queries:
        assert prepared(ids=[], before=now) == []
    assert len(queries) == 0


def test_a_builder_whose_sql_depends_on_its_values_is_refused(people):
    profiles, now = people

    def build(pk):
        if pk < 1_000_000:  # a marker takes the other branch
            return Profile.objects.filter(pk=pk, user__is_active=True).values_list("pk")
        return Profile.objects.filter(pk=pk).values_list("pk")

    with pytest.raises(ImproperlyConfigured, match="differs"):
        Prepared(build, pk=ID)(pk=profiles[0].pk)


def test_a_parameter_changed_on_its_way_to_the_sql_is_refused(people):
    profiles, now = people
    unused = Prepared(
        lambda pk, other: Profile.objects.filter(pk=pk).values_list("pk", flat=True),
        pk=ID,
        other=ID,
    )
    assert unused(pk=profiles[0].pk, other=1) == [profiles[0].pk]  # unused in this shape
    shifted = Prepared(lambda pk: Profile.objects.filter(pk=pk + 1).values_list("pk"), pk=ID)
    with pytest.raises(ImproperlyConfigured, match="as given"):
        shifted(pk=profiles[0].pk)
    day = Prepared(
        lambda before: Profile.objects.filter(user__date_joined__date=before.date()).values_list(
            "pk"
        ),
        before=MOMENT,
    )
    with pytest.raises(ImproperlyConfigured, match="as given"):
        day(before=now)


def test_models_come_back_as_the_queryset_makes_them(people):
    from django.db.models import Count

    from common.prepared import SHAPE

    profiles, now = people

    def build(ids, offset):
        return (
            Profile.objects.filter(pk__in=ids)
            .select_related("user")
            .defer("bio")
            .annotate(interest_count=Count("interests"))
            .prefetch_related("interests")
            .order_by("display_name")[offset : offset + 2]
        )

    prepared = Prepared(build, ids=ID_LIST, offset=SHAPE)
    ids = [p.pk for p in profiles]
    for offset in (0, 1, 2):
        ours, django = prepared(ids=ids, offset=offset), list(build(ids, offset))
        assert [(p.pk, p.display_name, p.interest_count) for p in ours] == [
            (p.pk, p.display_name, p.interest_count) for p in django
        ]
    [first, second] = prepared(ids=ids, offset=0)
    with CaptureQueriesContext(connection) as queries:
        assert first.user.email and first.user.date_joined and list(first.interests.all()) == []
    assert len(queries) == 0  # the account joined, the interests prefetched
    assert first.get_deferred_fields() == {"bio"}


def test_a_text_is_matched_exactly_and_a_contains_lookup_is_refused(people):
    from common.prepared import TEXT

    profiles, _ = people
    exact = Prepared(
        lambda name: Profile.objects.filter(display_name=name).values_list("pk", flat=True),
        name=TEXT,
    )
    assert exact(name="Béa") == [profiles[1].pk]
    assert exact(name="Zoé") == []
    contains = Prepared(
        lambda name: Profile.objects.filter(display_name__icontains=name).values_list("pk"),
        name=TEXT,
    )
    with pytest.raises(ImproperlyConfigured):
        contains(name="é")


def test_a_viewer_rule_is_compiled_per_kind_of_viewer_and_checked(people, settings):
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Q

    from common.prepared import VIEWER

    profiles, _ = people
    [ana, bea, chloe] = profiles
    for profile, visibility in ((ana, "public"), (bea, "members"), (chloe, "hidden")):
        profile.visibility = visibility
        profile.save()

    def build(viewer):
        """Visitors see public profiles; members see members' too, and always themselves."""
        shown = Q(visibility="public")
        if viewer.is_authenticated:
            shown |= Q(visibility="members") | Q(user=viewer)
        return (
            Profile.objects.filter(shown)
            .order_by("display_name")
            .values_list("display_name", flat=True)
        )

    prepared = Prepared(build, viewer=VIEWER)
    assert prepared(viewer=AnonymousUser()) == ["Ana"]
    assert prepared(viewer=ana.user) == ["Ana", "Béa"]
    assert prepared(viewer=chloe.user) == ["Ana", "Béa", "Chloé"]  # their own key, put in

    def staff_see_all(viewer):
        if viewer.is_authenticated and viewer.is_staff:
            return Profile.objects.values_list("display_name", flat=True)
        return Profile.objects.filter(visibility="public").values_list("display_name", flat=True)

    staff = Prepared(staff_see_all, viewer=VIEWER)
    ana.user.is_staff = True
    assert sorted(staff(viewer=ana.user)) == ["Ana", "Béa", "Chloé"]
    assert staff(viewer=bea.user) == ["Ana"]  # another shape, compiled for itself


def test_a_key_no_column_holds_is_answered_as_django_answers_it(people):
    profiles, _ = people
    below = Prepared(
        lambda pk: Profile.objects.filter(pk__lt=pk).order_by("pk").values_list("pk", flat=True),
        pk=ID,
    )
    exact = Prepared(lambda pk: Profile.objects.filter(pk=pk).values_list("pk"), pk=ID)
    assert below(pk=10**30) == sorted(p.pk for p in profiles)
    assert exact(pk=10**30) == []
    assert exact(pk=-(10**30)) == []


def _settings_with(monkeypatch, **environment):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    path = Path(__file__).resolve().parents[2] / "community" / "settings.py"
    return runpy.run_path(str(path))["DATABASES"]["default"]


def test_postgresql_binds_values_on_the_server_unless_turned_off(monkeypatch):
    database = _settings_with(monkeypatch, DATABASE_URL="postgres://maillage@db:5432/maillage")
    assert database["OPTIONS"]["server_side_binding"] is True
    # Nothing but common.prepared's queries is prepared: the connection's threshold stays
    # Django's (None).
    assert "prepare_threshold" not in database["OPTIONS"]
    # Behind a pgbouncer in transaction mode older than 1.21: values bound in the client.
    database = _settings_with(monkeypatch, DATABASE_PREPARED_STATEMENTS="0")
    assert "server_side_binding" not in database.get("OPTIONS", {})


def _statements_on_the_server():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


_BY_EMAIL = Prepared(lambda email: User.objects.filter(email=email).values_list("pk"), email=TEXT)
_BY_EMAIL_EACH_CALL = Prepared(
    lambda email: User.objects.filter(email=email).values_list("pk", "email"),
    email=TEXT,
    plan_each_call=True,
)


@pytest.mark.django_db
def test_a_prepared_query_is_planned_once_on_postgresql_and_nothing_else_is():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements on the server are PostgreSQL's")
    user = UserFactory(email="prepared@example.org")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert _BY_EMAIL(email="prepared@example.org") == [(user.pk,)]
            assert _BY_EMAIL_EACH_CALL(email="prepared@example.org") == [(user.pk, user.email)]
            assert User.objects.filter(email="prepared@example.org").count() == 1
    assert len(queries) == 9  # seen by Django's query log like any other query
    statements = _statements_on_the_server()
    assert len([s for s in statements if '"members_user"."email" = $1' in s]) == 1
    assert not any('"members_user"."email" AS' in s for s in statements)  # each call
    assert not any("COUNT(*)" in s for s in statements)  # outside common.prepared
    assert connection.connection.prepare_threshold is None
