"""A large community on PostgreSQL for the benchmarks (issue 11): built once, then reused.

`ensure()` builds a separate database (`maillage_large`, or BENCH_LARGE_DATABASE_URL) with
50,000 members, 1,000 spaces, 1,000,000 posts and chat messages, 5,000 events with
200,000 registrations and 1,000,000 activities, or reuses it when its marker says it is
complete and was built by this builder for the same migrations. The demo member
(membre@maillage.example) sits in the middle of it: in fifty spaces (the biggest among
them), registered for a hundred events, with threads, conversations and notifications.

`connected()` points the bench process's default connection at it and yields the demo
member (bench/_pages.py names the main pages' addresses on it); `database_url()` gives it
to a server started in its own process.

Rows are drawn from a seeded random generator and sent with COPY (psycopg 3); what
follows from rows already loaded (activities, notifications, counters) is inserted by
INSERT ... SELECT on the server. Importing this module needs neither PostgreSQL nor a
database.
"""

import contextlib
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

BUILDER_VERSION = "large-1"
DEFAULT_NAME = "maillage_large"
MARKER = "bench_large_build"
MEMBER_EMAIL = "membre@maillage.example"
SEED = 20261201
PROJECT = Path(__file__).resolve().parent.parent

MEMBERS = 50_000
SPACES = 1_000
THREADS = 100_000
REPLIES = 500_000
POSTS_AND_CHAT = 1_000_000  # threads + replies + chat messages
EVENTS = 5_000
REGISTRATIONS = 200_000
ACTIVITIES = 1_000_000
CONVERSATIONS = 20_000
BIGGEST_SPACE = 20_000  # members; space n has about BIGGEST_SPACE / n**0.9

DEMO_ID = MEMBERS // 2  # the demo member's id: in the middle of the members
DEMO_SPACES = 50
DEMO_EVENTS = 100
DAY = timedelta(days=1)

# What the benchmark reports and the least each must be (the words).
MINIMUMS = {
    "members": MEMBERS,
    "spaces": SPACES,
    "posts and chat messages": POSTS_AND_CHAT,
    "events": EVENTS,
    "registrations": REGISTRATIONS,
    "activities": ACTIVITIES,
}
COUNTED = {
    "members": "SELECT count(*) FROM members_user",
    "spaces": "SELECT count(*) FROM spaces_space",
    "posts and chat messages": "SELECT (SELECT count(*) FROM spaces_thread)"
    " + (SELECT count(*) FROM spaces_reply) + (SELECT count(*) FROM spaces_chatmessage)",
    "events": "SELECT count(*) FROM events_event",
    "registrations": "SELECT count(*) FROM events_registration",
    "activities": "SELECT count(*) FROM analytics_activity",
    "notifications": "SELECT count(*) FROM community_notification",
    "direct messages": "SELECT count(*) FROM spaces_directmessage",
}
CONNECTION_KEYS = ("NAME", "HOST", "PORT", "USER", "PASSWORD")


def large_settings():
    """The large database's connection settings: the default connection's, on another
    database (BENCH_LARGE_DATABASE_URL, or maillage_large on the same server)."""
    import dj_database_url
    from django.db import connections

    settings = dict(connections["default"].settings_dict)
    url = os.environ.get("BENCH_LARGE_DATABASE_URL")
    if url:
        parsed = dj_database_url.parse(url)
        settings.update({key: parsed.get(key, "") for key in CONNECTION_KEYS})
    else:
        settings["NAME"] = DEFAULT_NAME
    return settings


def _connect(settings, dbname=None, autocommit=False):
    import psycopg

    return psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname=dbname or settings["NAME"],
        autocommit=autocommit,
    )


def migrations_fingerprint():
    """A hash of the names of every migration on disk: a new migration means a rebuild."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    names = sorted(f"{app}.{name}" for app, name in loader.disk_migrations)
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def _marker(settings):
    """The marker row of a complete build, or None (no database, no marker)."""
    import psycopg

    try:
        with _connect(settings) as conn:
            row = conn.execute(
                "SELECT version, migrations, seconds, built_at, counts FROM "
                f"{MARKER} WHERE complete"
            ).fetchone()
    except (psycopg.OperationalError, psycopg.errors.UndefinedTable):
        return None
    if row is None:
        return None
    version, migrations, seconds, built_at, counts = row
    return {
        "version": version,
        "migrations": migrations,
        "seconds": seconds,
        "built_at": built_at,
        "counts": counts,
    }


def ensure(log=print):
    """Build the large database unless a complete build of this version for these
    migrations is there. Returns what was done: reused or not, the time it took now, the
    time of the build, and the row counts."""
    settings = large_settings()
    wanted = (f"{BUILDER_VERSION}/{SEED}", migrations_fingerprint())
    start = time.perf_counter()
    marker = _marker(settings)
    if marker and (marker["version"], marker["migrations"]) == wanted:
        log(f"   large data set: reusing {settings['NAME']} (built {marker['built_at']:%Y-%m-%d})")
        return {
            "reused": True,
            "seconds": time.perf_counter() - start,
            "build_seconds": marker["seconds"],
            "counts": marker["counts"],
        }
    why = "none yet" if marker is None else "built by another version or for other migrations"
    log(f"   large data set: building {settings['NAME']} ({why})")
    _recreate(settings)
    log("   migrating")
    _migrate(settings)
    with _connect(settings) as conn:
        Builder(conn, log=log).build()
        counts = {name: conn.execute(sql).fetchone()[0] for name, sql in COUNTED.items()}
        conn.commit()
    log("   vacuum analyze")
    with _connect(settings, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    seconds = time.perf_counter() - start
    with _connect(settings) as conn:
        conn.execute(
            f"CREATE TABLE {MARKER} (version text, migrations text, seconds float,"
            " built_at timestamptz, counts jsonb, complete boolean)"
        )
        conn.execute(
            f"INSERT INTO {MARKER} VALUES (%s, %s, %s, now(), %s, true)",
            (*wanted, seconds, json.dumps(counts)),
        )
    log(f"   large data set built in {seconds:.0f} s")
    return {"reused": False, "seconds": seconds, "build_seconds": seconds, "counts": counts}


def _recreate(settings):
    from psycopg import sql

    name = sql.Identifier(settings["NAME"])
    with _connect(settings, dbname="postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def database_url(settings=None):
    """The large database as a DATABASE_URL, for a process of its own (a server the
    benchmark starts, or migrate)."""
    settings = settings or large_settings()
    auth = quote(settings["USER"] or "")
    if settings["PASSWORD"]:
        auth += ":" + quote(settings["PASSWORD"])
    host = settings["HOST"] or "localhost"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{quote(settings['NAME'])}"


def _migrate(settings):
    """Django's migrate on the large database, in its own process: data migrations use
    the default connection, which must be the large database for them."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=PROJECT,
        env={**os.environ, "DATABASE_URL": database_url(settings)},
        check=True,
    )


def _ticket_code(pk):
    """Ten readable characters, distinct for every id (a bijection of the id)."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    number = (pk * 7_919_993 + 104_729) % (len(alphabet) ** 10)
    code = []
    for _ in range(10):
        number, digit = divmod(number, len(alphabet))
        code.append(alphabet[digit])
    return "".join(code)


class Builder:
    """Draws the community and loads it, table after table (each committed: the foreign
    keys are checked at each commit, in order)."""

    def __init__(self, conn, *, log=print):
        from demo.data import load

        self.conn = conn
        # The rows are drawn consistent: foreign keys are not checked row by row while
        # loading (the constraints stay; they cost more than the load itself).
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET synchronous_commit = off")
        conn.commit()
        self.log = log
        self.rng = random.Random(SEED)
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.start = self.now - 730 * DAY
        self.people = load("people")
        self.names = load("names")
        self.vocabulary = load("vocabulary")
        self.organizations = load("organizations")
        self.counts = {}
        self.clock = time.perf_counter()

    # ---- plumbing
    def copy(self, table, columns, rows):
        count = 0
        with self.conn.cursor() as cursor:
            names = ", ".join(f'"{column}"' for column in columns)
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        self.conn.commit()
        self.counts[table] = self.counts.get(table, 0) + count
        self.log(f"   {table}: {count:,} rows ({time.perf_counter() - self.clock:.0f} s)")
        return count

    def execute(self, label, statement, params=None):
        with self.conn.cursor() as cursor:
            cursor.execute(statement, params)
            count = cursor.rowcount
        self.conn.commit()
        self.log(f"   {label}: {count:,} rows ({time.perf_counter() - self.clock:.0f} s)")
        return count

    @contextlib.contextmanager
    def indexes_after(self, table):
        """Load the table without its plain indexes, then build them again: one build is
        faster than a million insertions into each. Constraints' indexes stay."""
        indexes = self.conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname"
            " NOT IN (SELECT conname FROM pg_constraint)",
            (table,),
        ).fetchall()
        for name, _definition in indexes:
            self.conn.execute(f'DROP INDEX "{name}"')
        self.conn.commit()
        yield
        for _name, definition in indexes:
            self.conn.execute(definition)
        self.conn.commit()
        self.log(f"   {table}: {len(indexes)} indexes ({time.perf_counter() - self.clock:.0f} s)")

    def when(self, earliest=None, latest=None):
        earliest = earliest or self.start
        latest = latest or self.now
        return earliest + (latest - earliest) * self.rng.random()

    def content_type(self, app_label, model):
        return self.conn.execute(
            "SELECT id FROM django_content_type WHERE app_label = %s AND model = %s",
            (app_label, model),
        ).fetchone()[0]

    def url_template(self, name, *args):
        """A page's address in the default language, with placeholders to fill in SQL."""
        from django.conf import settings
        from django.urls import reverse
        from django.utils import translation

        with translation.override(settings.LANGUAGE_CODE):
            return reverse(name, args=args)

    def build(self):
        self.members()
        self.spaces()
        self.posts()
        self.chat()
        self.conversations()
        self.events()
        self.activities()
        self.notifications()
        self.reset_sequences()

    # ---- members
    def members(self):
        from django.contrib.auth.hashers import make_password
        from django.utils.text import slugify

        password = make_password(self.people["password"])
        rng = self.rng
        french = (self.names["francophone_first"], self.names["francophone_last"])
        english = (self.names["anglophone_first"], self.names["anglophone_last"])
        roles = self.organizations["roles_en"] + self.organizations["roles_fr"]["x"]
        organizations = [org["name"] for org in self.organizations["quebec_wide"]]
        regions = [f"{n:02}" for n in range(1, 18)] + ["99"]
        staff = self.people["staff"]
        member = self.people["member"]
        self.joined = {}
        users, profiles = [], []
        slugs = {}
        for pk in range(1, MEMBERS + 1):
            firsts, lasts = french if rng.random() < 0.75 else english
            name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
            email = f"membre{pk:05}@grand-reseau.example"
            is_staff = False
            joined = self.when(latest=self.now - 7 * DAY)
            if pk == 1:
                name, email, is_staff = staff["name"], staff["email"], True
            elif pk == DEMO_ID:
                name, email, joined = member["name"], MEMBER_EMAIL, self.now - 700 * DAY
            self.joined[pk] = joined
            users.append((pk, password, None, is_staff, email, is_staff, True, joined))
            slug = slugs.get(name) or slugs.setdefault(name, slugify(name))
            languages = ["fr", "en"] if rng.random() < 0.4 else ["fr"]
            bio, organization, role = "", "", ""
            if rng.random() < 0.6:
                organization, role = rng.choice(organizations), rng.choice(roles)
                bio = f"{role} · {organization}."
            visibility = rng.choices(["members", "public", "hidden"], [90, 7, 3])[0]
            if pk == DEMO_ID:
                bio, organization, role = member["bio"], member["organization"], member["role"]
                languages, visibility = member["spoken"], "members"
            profiles.append(
                (
                    pk,
                    pk,
                    name,
                    f"{slug}-{pk}",
                    "",
                    bio,
                    organization,
                    role,
                    member["region"] if pk == DEMO_ID else rng.choice(regions),
                    json.dumps(languages),
                    "",
                    "",
                    "",
                    "",
                    visibility,
                    "fr" if languages == ["fr"] else rng.choice(["fr", "en"]),
                    joined,
                )
            )
        self.copy(
            "members_user",
            (
                "id",
                "password",
                "last_login",
                "is_superuser",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
            ),
            users,
        )
        self.copy(
            "account_emailaddress",
            ("id", "user_id", "email", "verified", "primary"),
            ((pk, pk, row[4], True, True) for pk, row in enumerate(users, start=1)),
        )
        self.copy(
            "members_profile",
            (
                "id",
                "user_id",
                "display_name",
                "handle",
                "pronouns",
                "bio",
                "organization",
                "role",
                "region",
                "languages",
                "website",
                "linkedin",
                "avatar",
                "avatar_thumbnail",
                "visibility",
                "language",
                "updated_at",
            ),
            profiles,
        )
        self.tags(slugify)
        self.copy(
            "members_membershiptier",
            ("id", "name", "description", "position"),
            [(1, "Individuel", "", 1), (2, "Organisme", "", 2), (3, "Étudiant", "", 3)],
        )
        self.copy(
            "members_membership",
            ("id", "user_id", "tier_id", "starts_on", "ends_on"),
            (
                (pk, pk, rng.choices([1, 2, 3], [70, 25, 5])[0], joined.date(), None)
                for pk, joined in self.joined.items()
            ),
        )

    def tags(self, slugify):
        rng = self.rng
        interests = self.vocabulary["interests"]
        skills = self.vocabulary["skills"]
        self.interest_ids = list(range(1, len(interests) + 1))
        self.copy(
            "members_interest",
            ("id", "name", "slug"),
            [(pk, name, slugify(name)) for pk, name in enumerate(interests, start=1)],
        )
        self.copy(
            "members_skill",
            ("id", "name", "slug"),
            [(pk, name, slugify(name)) for pk, name in enumerate(skills, start=1)],
        )
        member = self.people["member"]
        demo_interests = [interests.index(name) + 1 for name in member["interests"]]
        demo_offered = [skills.index(name) + 1 for name in member["skills_offered"]]
        demo_sought = [skills.index(name) + 1 for name in member["skills_sought"]]
        # A few interests are popular, the rest a long tail.
        weights = [1 / (rank + 1) ** 0.7 for rank in range(len(interests))]

        def tagged(count_range, ids, weights, demo):
            pk = 0
            for profile in range(1, MEMBERS + 1):
                if profile == DEMO_ID:
                    chosen = demo
                else:
                    chosen = set(rng.choices(ids, weights, k=rng.randint(*count_range)))
                for tag in chosen:
                    pk += 1
                    yield pk, profile, tag

        skill_ids = list(range(1, len(skills) + 1))
        skill_weights = [1] * len(skills)
        columns = ("id", "content_object_id", "tag_id")
        self.copy(
            "members_taggedinterest",
            columns,
            tagged((2, 6), self.interest_ids, weights, demo_interests),
        )
        self.copy(
            "members_taggedskilloffered",
            columns,
            tagged((1, 3), skill_ids, skill_weights, demo_offered),
        )
        self.copy(
            "members_taggedskillsought",
            columns,
            tagged((0, 2), skill_ids, skill_weights, demo_sought),
        )

    # ---- spaces
    def spaces(self):
        from django.utils.text import slugify

        rng = self.rng
        interests = self.vocabulary["interests"]
        regions = [
            "Montréal",
            "Québec",
            "Laval",
            "Gatineau",
            "Sherbrooke",
            "Trois-Rivières",
            "Saguenay",
            "Rimouski",
            "Longueuil",
            "Lévis",
        ]
        # Zipf-like sizes: a few big spaces, a long tail down to 8 members.
        self.space_sizes = {pk: max(8, int(BIGGEST_SPACE / pk**0.9)) for pk in range(1, SPACES + 1)}
        self.demo_spaces = list(range(1, 11)) + rng.sample(range(11, SPACES + 1), DEMO_SPACES - 10)
        rows, self.space_created = [], {}
        for pk in range(1, SPACES + 1):
            interest = interests[(pk - 1) % len(interests)]
            name = interest if pk <= len(interests) else f"{interest} · {rng.choice(regions)}"
            created = self.when(latest=self.start + 120 * DAY) if pk <= 50 else self.when()
            self.space_created[pk] = created
            visibility = (
                "open" if pk <= 20 else rng.choices(["open", "private", "secret"], [85, 10, 5])[0]
            )
            if pk in self.demo_spaces and visibility == "secret":
                visibility = "private"
            rows.append(
                (
                    pk,
                    name,
                    f"{slugify(name)}-{pk}",
                    f"Un espace pour parler de {interest.lower()}, partager nos bons coups"
                    " et nos questions.",
                    "",
                    "fr" if rng.random() < 0.85 else "en",
                    visibility,
                    1,
                    created,
                    self.now,
                    pk > 20 and pk not in self.demo_spaces and rng.random() < 0.02,
                )
            )
        self.space_visibility = {row[0]: row[6] for row in rows}
        self.copy(
            "spaces_space",
            (
                "id",
                "name",
                "slug",
                "description",
                "cover",
                "language",
                "visibility",
                "created_by_id",
                "created_at",
                "last_activity_at",
                "is_archived",
            ),
            rows,
        )
        self.copy(
            "spaces_taggedspaceinterest",
            ("id", "content_object_id", "tag_id"),
            (
                (2 * (pk - 1) + n + 1, pk, (pk - 1 + 7 * n) % len(interests) + 1)
                for pk in range(1, SPACES + 1)
                for n in range(2)
            ),
        )
        self.space_members = {}
        others = [pk for pk in range(2, MEMBERS + 1) if pk != DEMO_ID]
        demo_roles = {
            self.demo_spaces[-1]: "owner",
            1: "moderator",
            self.demo_spaces[20]: "moderator",
        }

        def memberships():
            pk = 0
            for space, size in self.space_sizes.items():
                users = rng.sample(others, size)
                if space in self.demo_spaces:
                    users[-1] = DEMO_ID
                active = []
                for n, user in enumerate(users):
                    role, state = "member", "active"
                    if n == 0 and user != DEMO_ID:
                        role = "owner"
                    elif rng.random() < 0.01:
                        role = "moderator"
                    elif rng.random() < 0.03:
                        state = rng.choice(["requested", "invited"])
                    if user == DEMO_ID:
                        role, state = demo_roles.get(space, "member"), "active"
                    if state == "active":
                        active.append(user)
                    created = self.when(max(self.space_created[space], self.joined[user]))
                    pk += 1
                    yield (
                        pk,
                        space,
                        user,
                        role,
                        state,
                        created,
                        created if state == "active" else None,
                        None,
                        None,
                    )
                self.space_members[space] = active

        self.copy(
            "spaces_membership",
            (
                "id",
                "space_id",
                "user_id",
                "role",
                "state",
                "created_at",
                "joined_at",
                "invited_by_id",
                "muted_until",
            ),
            memberships(),
        )

    # ---- threads, replies, reactions
    def posts(self):
        rng = self.rng
        interests = self.vocabulary["interests"]
        titles = [
            "Comment financer nos projets en {}?",
            "Bons coups en {}: on partage?",
            "Cherche partenaires: {}",
            "Retour sur l'atelier {}",
            "Question sur {} et les bénévoles",
            "Ressources utiles: {}",
            "Qui connaît un bon organisme en {}?",
        ]
        bodies = []
        for n in range(300):
            text = (
                f"Merci pour le partage! De notre côté, en {interests[n % len(interests)].lower()},"
                f" on a essayé autre chose l'an dernier (numéro {n}). Je vous raconte à la"
                " prochaine rencontre."
            )
            bodies.append((text, f"<p>{text}</p>"))
        space_ids = list(self.space_sizes)
        weights = list(self.space_sizes.values())
        spaces = rng.choices(space_ids, weights, k=THREADS)
        # Reply counts: a heavy tail, a few threads with hundreds of replies.
        draws = [rng.paretovariate(1.3) for _ in range(THREADS)]
        scale = REPLIES / sum(draws)
        counts = [min(2_000, int(draw * scale)) for draw in draws]
        for _ in range(REPLIES - sum(counts)):
            counts[rng.randrange(THREADS)] += 1
        # The demo member's own threads: in their spaces, some with many replies.
        demo_threads = set(rng.sample(range(1, THREADS + 1), 60))
        threads, plan = [], []
        for index in range(THREADS):
            pk = index + 1
            space = spaces[index]
            author = rng.choice(self.space_members[space] or [1])
            if pk in demo_threads:
                space = self.demo_spaces[pk % DEMO_SPACES]
                author = DEMO_ID
            if pk == 1:  # the demo's big thread: the most replies, in the biggest space
                space, author, counts[0] = 1, DEMO_ID, 1_500
            if author == DEMO_ID:  # recent, so their replies notify the demo member
                created = self.when(self.now - 60 * DAY)
            else:
                created = self.when(self.space_created[space])
            span = min(self.now - created, rng.uniform(1, 90) * DAY)
            count = counts[index]
            last = created + span if count else created
            kind = "question" if rng.random() < 0.2 else "discussion"
            interest = rng.choice(interests).lower()
            body, html = rng.choice(bodies)
            threads.append(
                (
                    pk,
                    author,
                    body,
                    html,
                    created,
                    None,
                    None,
                    rng.random() < 0.002,
                    space,
                    rng.choice(titles).format(interest),
                    kind,
                    rng.random() < 0.005,
                    False,
                    None,
                    None,
                    count,
                    last,
                )
            )
            plan.append((pk, space, created, span, count))
        post_columns = (
            "id",
            "author_id",
            "body",
            "body_html",
            "created_at",
            "edited_at",
            "deleted_at",
            "is_hidden",
        )
        self.copy(
            "spaces_thread",
            (
                *post_columns,
                "space_id",
                "title",
                "kind",
                "is_pinned",
                "is_locked",
                "accepted_reply_id",
                "answered_at",
                "reply_count",
                "last_activity_at",
            ),
            threads,
        )
        self.copy(
            "spaces_taggedthreadinterest",
            ("id", "content_object_id", "tag_id"),
            ((pk, pk, rng.choice(self.interest_ids)) for pk in range(1, THREADS + 1)),
        )

        def replies():
            pk = 0
            for thread, space, created, span, count in plan:
                members = self.space_members[space] or [1]
                for n in range(count):
                    pk += 1
                    body, html = bodies[pk % len(bodies)]
                    at = created + span * ((n + rng.random()) / count)
                    yield (
                        pk,
                        rng.choice(members),
                        body,
                        html,
                        at,
                        None,
                        None,
                        pk % 997 == 0,
                        thread,
                    )

        self.replies = self.copy("spaces_reply", (*post_columns, "thread_id"), replies())
        self.execute(
            "accepted answers",
            "UPDATE spaces_thread t SET accepted_reply_id = r.id, answered_at = r.created_at"
            " FROM (SELECT DISTINCT ON (thread_id) id, thread_id, created_at FROM spaces_reply"
            "  ORDER BY thread_id, id) r"
            " WHERE r.thread_id = t.id AND t.kind = 'question' AND t.id % 3 = 0",
        )
        emojis = ["👍", "❤️", "👏", "💡", "🙏", "😄"]

        def reactions():
            seen = set()
            pk = 0
            for _ in range(120_000):
                reply = rng.randint(1, self.replies)
                key = (rng.randint(1, MEMBERS), reply, rng.choice(emojis))
                if key not in seen:
                    seen.add(key)
                    pk += 1
                    yield pk, key[0], None, reply, key[2], self.now - rng.random() * 700 * DAY
            for thread in range(1, 2_001):  # the demo's big thread and others near it
                for user in rng.sample(range(1, MEMBERS + 1), 5):
                    pk += 1
                    yield pk, user, thread, None, rng.choice(emojis), self.now

        self.copy(
            "spaces_reaction",
            ("id", "user_id", "thread_id", "reply_id", "emoji", "created_at"),
            reactions(),
        )
        self.copy(
            "spaces_threadvisit",
            ("id", "user_id", "thread_id", "seen_at"),
            (
                (n, DEMO_ID, thread, self.now - rng.random() * 30 * DAY)
                for n, thread in enumerate(
                    sorted({1, *demo_threads, *rng.sample(range(1, THREADS + 1), 400)}), start=1
                )
            ),
        )

    # ---- chat
    def chat(self):
        rng = self.rng
        total = POSTS_AND_CHAT - THREADS - self.replies
        lines = [
            "Bonjour tout le monde!",
            "Quelqu'un sera à la rencontre de jeudi?",
            "Merci pour le lien, très utile.",
            "On se reparle après la réunion.",
            "Je partage le document dans le fil.",
            "Bonne idée, je m'inscris.",
            "Est-ce que la salle est réservée?",
            "Je peux aider avec les bénévoles.",
        ]
        draws = rng.choices(list(self.space_sizes), list(self.space_sizes.values()), k=total)
        per_space = {}
        for space in draws:
            per_space[space] = per_space.get(space, 0) + 1

        def messages():
            pk = 0
            for space in sorted(per_space):
                members = self.space_members[space] or [1]
                earliest = self.space_created[space]
                times = sorted(self.when(earliest) for _ in range(per_space[space]))
                for at in times:
                    pk += 1
                    author = DEMO_ID if space in self.demo_spaces and pk % 50 == 0 else None
                    yield (
                        pk,
                        space,
                        author or rng.choice(members),
                        rng.choice(lines),
                        "",
                        at,
                        pk % 1_000 == 0,
                    )

        self.copy(
            "spaces_chatmessage",
            ("id", "space_id", "author_id", "body", "client_id", "created_at", "is_hidden"),
            messages(),
        )

    # ---- direct conversations
    def conversations(self):
        rng = self.rng
        conversations, participants, messages = [], [], []
        lines = [
            "Salut! On s'était croisés à l'atelier.",
            "As-tu le contact de la personne responsable?",
            "Merci, je regarde ça et je te reviens.",
            "Est-ce qu'on se voit à la prochaine assemblée?",
            "Voici le document dont je parlais.",
        ]
        for pk in range(1, CONVERSATIONS + 1):
            demo = pk <= 60
            size = 2 if rng.random() < 0.95 else rng.randint(3, 6)
            people = rng.sample(range(2, MEMBERS + 1), size)
            if demo:
                people = [DEMO_ID, *(p for p in people if p != DEMO_ID)][:size]
            count = rng.randint(10, 80) if demo else rng.randint(1, 9)
            created = self.when(self.now - 600 * DAY)
            times = sorted(self.when(created) for _ in range(count))
            conversations.append((pk, created, times[-1]))
            for user in people:
                read = times[-1] if rng.random() < 0.7 else times[0]
                participants.append((len(participants) + 1, pk, user, read))
            for at in times:
                author = rng.choice(people)
                messages.append((len(messages) + 1, pk, author, rng.choice(lines), "", at))
        self.copy("spaces_conversation", ("id", "created_at", "last_message_at"), conversations)
        self.copy(
            "spaces_participant", ("id", "conversation_id", "user_id", "last_read_at"), participants
        )
        self.copy(
            "spaces_directmessage",
            ("id", "conversation_id", "author_id", "body", "client_id", "created_at"),
            messages,
        )
        self.copy(
            "spaces_block",
            ("id", "blocker_id", "blocked_id", "created_at"),
            [
                (n, DEMO_ID, blocked, self.now - 10 * DAY)
                for n, blocked in enumerate(rng.sample(range(2, DEMO_ID), 5), start=1)
            ],
        )

    # ---- events
    def events(self):
        from django.utils.text import slugify

        rng = self.rng
        interests = self.vocabulary["interests"]
        kinds = ["Atelier", "Forum", "Rencontre", "Webinaire", "Assemblée", "Café-causerie"]
        upcoming_until = self.now + 120 * DAY
        # Five events in six are past, spread over two years; the rest in the next months.
        rows, self.event_info = [], {}
        draws = [rng.paretovariate(1.1) for _ in range(EVENTS)]
        scale = REGISTRATIONS / sum(draws)
        sizes = [max(3, min(3_000, int(draw * scale))) for draw in draws]
        for _ in range(REGISTRATIONS - sum(sizes)):
            sizes[rng.randrange(EVENTS)] += 1
        for pk in range(1, EVENTS + 1):
            upcoming = pk % 6 == 0
            starts = (
                self.when(self.now + DAY, upcoming_until)
                if upcoming
                else self.when(latest=self.now - DAY)
            )
            starts = starts.replace(minute=0, second=0)
            ends = starts + timedelta(hours=rng.choice([1, 2, 3, 6]))
            title = f"{rng.choice(kinds)}: {rng.choice(interests).lower()}"
            event_format = rng.choices(["in_person", "online", "hybrid"], [60, 25, 15])[0]
            size = sizes[pk - 1]
            capacity = None if rng.random() < 0.7 else int(size * rng.uniform(0.9, 1.5)) + 1
            audience = rng.choices(["members", "public", "space"], [70, 20, 10])[0]
            space = rng.choice(list(range(1, 21))) if audience == "space" else None
            self.event_info[pk] = (starts, ends, size, capacity, upcoming)
            rows.append(
                (
                    pk,
                    title,
                    f"{slugify(title)}-{pk}",
                    f"{title}. Une rencontre du réseau, ouverte aux membres.",
                    "fr",
                    event_format,
                    "Centre communautaire" if event_format != "online" else "",
                    "1234 rue Principale, Montréal" if event_format != "online" else "",
                    "https://visio.example/salle" if event_format != "in_person" else "",
                    starts,
                    ends,
                    "America/Toronto",
                    "",
                    capacity,
                    0,
                    None,
                    None,
                    audience,
                    space,
                    None,
                    True,
                    20,
                    rng.random() > 0.02,
                    1,
                    starts - 30 * DAY,
                )
            )
        self.copy(
            "events_event",
            (
                "id",
                "title",
                "slug",
                "description",
                "language",
                "format",
                "venue",
                "address",
                "online_url",
                "starts_at",
                "ends_at",
                "time_zone",
                "cover",
                "capacity",
                "max_guests",
                "registration_opens_at",
                "registration_closes_at",
                "audience",
                "space_id",
                "series_id",
                "meetings_enabled",
                "meeting_minutes",
                "is_published",
                "created_by_id",
                "created_at",
            ),
            rows,
        )
        self.copy(
            "events_taggedeventinterest",
            ("id", "content_object_id", "tag_id"),
            ((pk, pk, rng.choice(self.interest_ids)) for pk in range(1, EVENTS + 1)),
        )
        upcoming = [pk for pk, info in self.event_info.items() if info[4]]
        past = [pk for pk, info in self.event_info.items() if not info[4]]
        by_size = sorted(upcoming, key=lambda pk: -self.event_info[pk][2])
        self.demo_events = sorted({*by_size[:10], *rng.sample(upcoming, 30), *rng.sample(past, 60)})
        # Workshop tables, live questions and polls, meetings: in some events, and in a
        # third of the demo member's (the biggest upcoming ones among them).
        demo_rich = set(by_size[:10]) | set(rng.sample(self.demo_events, 25))
        every = range(1, EVENTS + 1)
        self.table_events = sorted(demo_rich | set(rng.sample(every, min(250, EVENTS))))
        self.live_events = sorted(demo_rich | set(rng.sample(every, min(250, EVENTS))))
        self.meeting_events = sorted(demo_rich | set(rng.sample(every, min(200, EVENTS))))
        self.registrations()
        self.workshops()
        self.live()
        self.meetings()

    def registrations(self):
        rng = self.rng
        others = [pk for pk in range(2, MEMBERS + 1) if pk != DEMO_ID]
        demo_events = set(self.demo_events)
        self.attendees = {}

        def rows():
            pk = 0
            for event, (starts, _ends, size, capacity, upcoming) in self.event_info.items():
                users = rng.sample(others, size)
                if event in demo_events:
                    users[rng.randrange(min(size, capacity or size))] = DEMO_ID
                confirmed = []
                for n, user in enumerate(users):
                    pk += 1
                    status = "confirmed" if capacity is None or n < capacity else "waitlisted"
                    if user != DEMO_ID and rng.random() < 0.04:
                        status = "cancelled"
                    created = starts - rng.random() * 30 * DAY
                    if status == "confirmed":
                        confirmed.append(user)
                    checked_in = (
                        starts + rng.random() * timedelta(minutes=30)
                        if status == "confirmed" and not upcoming and rng.random() < 0.6
                        else None
                    )
                    yield (
                        pk,
                        event,
                        user,
                        status,
                        0,
                        "{}",
                        rng.random() < 0.9,
                        rng.random() < 0.8 or user == DEMO_ID,
                        _ticket_code(pk),
                        None,
                        created,
                        created if status == "waitlisted" else None,
                        created + DAY if status == "cancelled" else None,
                        checked_in,
                        1 if checked_in else None,
                    )
                self.attendees[event] = confirmed

        self.copy(
            "events_registration",
            (
                "id",
                "event_id",
                "user_id",
                "status",
                "guests",
                "answers",
                "is_listed",
                "suggest_me",
                "ticket_code",
                "registered_by_id",
                "created_at",
                "waitlisted_at",
                "cancelled_at",
                "checked_in_at",
                "checked_in_by_id",
            ),
            rows(),
        )

    def workshops(self):
        rng = self.rng
        themes = self.vocabulary["interests"]
        tables, seats = [], []
        for event in self.table_events:
            attendees = list(self.attendees[event])
            rng.shuffle(attendees)
            if DEMO_ID in attendees:
                attendees.remove(DEMO_ID)
                attendees.insert(0, DEMO_ID)
            starts = self.event_info[event][0]
            for position in range(rng.randint(4, 10)):
                table = len(tables) + 1
                capacity = rng.randint(8, 12)
                facilitator = attendees.pop() if len(attendees) > 1 else None
                tables.append(
                    (
                        table,
                        event,
                        rng.choice(themes),
                        "",
                        capacity,
                        facilitator,
                        position,
                        "Idées notées pendant la table." if position % 2 else "",
                        1 if position % 2 else 0,
                        starts if position % 2 else None,
                        facilitator if position % 2 else None,
                    )
                )
                for _ in range(int(capacity * rng.uniform(0.3, 0.9))):
                    if not attendees:
                        break
                    seats.append((len(seats) + 1, event, table, attendees.pop(0), starts - DAY))
        self.copy(
            "events_workshoptable",
            (
                "id",
                "event_id",
                "theme",
                "description",
                "capacity",
                "facilitator_id",
                "position",
                "notes",
                "notes_version",
                "notes_updated_at",
                "notes_updated_by_id",
            ),
            tables,
        )
        self.copy(
            "events_tableseat", ("id", "event_id", "table_id", "user_id", "created_at"), seats
        )

    def live(self):
        rng = self.rng
        questions, votes, polls, choices, poll_votes = [], [], [], [], []
        for event in self.live_events:
            attendees = self.attendees[event] or [1]
            starts = self.event_info[event][0]
            for _ in range(rng.randint(5, 60)):
                question = len(questions) + 1
                voters = rng.sample(attendees, min(len(attendees), rng.randint(0, 25)))
                status = rng.choices(["open", "answered", "hidden"], [70, 25, 5])[0]
                questions.append(
                    (
                        question,
                        event,
                        rng.choice(attendees),
                        "Comment votre organisme s'y prend-il pour recruter des bénévoles?",
                        status,
                        len(voters),
                        starts + rng.random() * timedelta(hours=1),
                        starts + timedelta(hours=1) if status == "answered" else None,
                        None,
                    )
                )
                for voter in voters:
                    votes.append((len(votes) + 1, question, voter, starts))
            for position in range(rng.randint(1, 3)):
                poll = len(polls) + 1
                status = rng.choice(["draft", "open", "closed"])
                polls.append(
                    (
                        poll,
                        event,
                        "Quel sujet pour la prochaine rencontre?",
                        status,
                        position,
                        1,
                        starts - DAY,
                        starts if status != "draft" else None,
                        starts + timedelta(hours=1) if status == "closed" else None,
                    )
                )
                first_choice = len(choices) + 1
                for n, label in enumerate(["Financement", "Bénévolat", "Communication"]):
                    choices.append((first_choice + n, poll, label, n))
                if status != "draft":
                    for voter in rng.sample(attendees, min(len(attendees), rng.randint(5, 200))):
                        choice = first_choice + rng.randrange(3)
                        poll_votes.append((len(poll_votes) + 1, poll, choice, voter, starts))
        self.copy(
            "events_livequestion",
            (
                "id",
                "event_id",
                "author_id",
                "body",
                "status",
                "votes",
                "created_at",
                "answered_at",
                "moderated_by_id",
            ),
            questions,
        )
        self.copy("events_livequestionvote", ("id", "question_id", "user_id", "created_at"), votes)
        self.copy(
            "events_poll",
            (
                "id",
                "event_id",
                "question",
                "status",
                "position",
                "created_by_id",
                "created_at",
                "opened_at",
                "closed_at",
            ),
            polls,
        )
        self.copy("events_pollchoice", ("id", "poll_id", "label", "position"), choices)
        self.copy(
            "events_pollvote", ("id", "poll_id", "choice_id", "user_id", "created_at"), poll_votes
        )

    def meetings(self):
        rng = self.rng
        rows = []
        for event in self.meeting_events:
            attendees = self.attendees[event]
            if len(attendees) < 4:
                continue
            starts, ends = self.event_info[event][:2]
            slots = max(1, int((ends - starts) / timedelta(minutes=20)))
            for n in range(rng.randint(10, 80)):
                requester, invitee = rng.sample(attendees, 2)
                if n < 3 and DEMO_ID in attendees:
                    requester, invitee = (DEMO_ID, invitee) if n % 2 else (requester, DEMO_ID)
                    if requester == invitee:
                        continue
                    slot = n
                else:
                    slot = rng.randrange(slots)
                at = starts + slot * timedelta(minutes=20)
                status = rng.choices(
                    ["requested", "accepted", "declined", "cancelled"], [30, 50, 15, 5]
                )[0]
                rows.append(
                    (
                        len(rows) + 1,
                        event,
                        requester,
                        invitee,
                        at,
                        at + timedelta(minutes=20),
                        "On pourrait parler de nos projets?",
                        status,
                        at - 3 * DAY,
                        at - 2 * DAY if status != "requested" else None,
                    )
                )
        self.copy(
            "events_meeting",
            (
                "id",
                "event_id",
                "requester_id",
                "invitee_id",
                "starts_at",
                "ends_at",
                "message",
                "status",
                "created_at",
                "responded_at",
            ),
            rows,
        )

    # ---- the activity log and notifications, from the rows loaded
    def activities(self):
        space = self.content_type("spaces", "space")
        thread = self.content_type("spaces", "thread")
        reply = self.content_type("spaces", "reply")
        chat = self.content_type("spaces", "chatmessage")
        event = self.content_type("events", "event")
        registration = self.content_type("events", "registration")
        thread_url = self.url_template("spaces:thread", "__slug__", 987654321)
        parts = [
            (
                "t.author_id, t.kind || '.created', %(thread)s, t.id, %(space)s, t.space_id,"
                " '{}'::jsonb, t.created_at FROM spaces_thread t"
            ),
            (
                "r.author_id, 'reply.created', %(reply)s, r.id, %(space)s, t.space_id,"
                " CASE WHEN t.author_id = %(demo)s AND r.author_id <> %(demo)s THEN"
                "  jsonb_build_object('notify', jsonb_build_array(t.author_id), 'title',"
                "  t.title, 'url', replace(replace(%(url)s, '__slug__', s.slug), '987654321',"
                "  t.id::text) || '#reply-' || r.id) ELSE '{}'::jsonb END, r.created_at"
                " FROM spaces_reply r JOIN spaces_thread t ON t.id = r.thread_id"
                " JOIN spaces_space s ON s.id = t.space_id"
            ),
            (
                "m.user_id, 'space.joined', %(space)s, m.space_id, %(space)s, m.space_id,"
                " '{}'::jsonb, m.joined_at FROM spaces_membership m WHERE m.joined_at IS NOT NULL"
            ),
            (
                "g.user_id, CASE g.status WHEN 'waitlisted' THEN 'event.waitlisted'"
                " ELSE 'event.registered' END, %(registration)s, g.id, %(event)s, g.event_id,"
                " '{}'::jsonb, g.created_at FROM events_registration g"
            ),
        ]
        params = {
            "thread": thread,
            "reply": reply,
            "space": space,
            "event": event,
            "registration": registration,
            "chat": chat,
            "demo": DEMO_ID,
            "url": thread_url,
        }
        columns = (
            "actor_id, verb, target_type_id, target_id, context_type_id, context_id, data,"
            " created_at"
        )
        union = " UNION ALL ".join(f"SELECT {part}" for part in parts)
        with self.indexes_after("analytics_activity"):
            self.fill_activities(columns, union, params)

    def fill_activities(self, columns, union, params):
        chat = params["chat"]
        space = params["space"]
        count = self.execute(
            "analytics_activity",
            f"INSERT INTO analytics_activity ({columns}) SELECT * FROM ({union}) a"
            " ORDER BY created_at",
            params,
        )
        if count < ACTIVITIES:  # top up with chat messages, newest first
            self.execute(
                "analytics_activity (chat)",
                f"INSERT INTO analytics_activity ({columns}) SELECT * FROM (SELECT c.author_id,"
                " 'chat.message_sent', %(chat)s, c.id, %(space)s, c.space_id, '{}'::jsonb,"
                " c.created_at FROM spaces_chatmessage c ORDER BY c.id DESC LIMIT %(more)s) a"
                " ORDER BY created_at",
                {"chat": chat, "space": space, "more": ACTIVITIES - count},
            )

    def notifications(self):
        reply = self.content_type("spaces", "reply")
        registration = self.content_type("events", "registration")
        thread_url = self.url_template("spaces:thread", "__slug__", 987654321)
        ticket_url = self.url_template("events:ticket", "__slug__")
        with self.indexes_after("community_notification"):
            self.fill_notifications(reply, registration, thread_url, ticket_url)

    def fill_notifications(self, reply, registration, thread_url, ticket_url):
        # Replies to a member's threads in the last half year, read after a week.
        self.execute(
            "community_notification (replies)",
            "INSERT INTO community_notification (recipient_id, actor_id, verb, title, detail,"
            " url, target_type_id, target_id, created_at, read_at, emailed_at)"
            " SELECT t.author_id, r.author_id, 'reply.created', t.title, '',"
            " replace(replace(%(url)s, '__slug__', s.slug), '987654321', t.id::text)"
            " || '#reply-' || r.id, %(reply)s, r.id, r.created_at,"
            " CASE WHEN r.created_at < now() - interval '7 days' THEN r.created_at"
            "  + interval '1 day' END, NULL"
            " FROM spaces_reply r JOIN spaces_thread t ON t.id = r.thread_id"
            " JOIN spaces_space s ON s.id = t.space_id"
            " WHERE r.created_at > now() - interval '180 days' AND r.author_id <> t.author_id"
            " ORDER BY r.created_at",
            {"url": thread_url, "reply": reply},
        )
        # Registrations made for the demo member by staff.
        self.execute(
            "community_notification (events)",
            "INSERT INTO community_notification (recipient_id, actor_id, verb, title, detail,"
            " url, target_type_id, target_id, created_at, read_at, emailed_at)"
            " SELECT g.user_id, 1, 'event.registered', e.title, '',"
            " replace(%(url)s, '__slug__', e.slug), %(registration)s, g.id, g.created_at,"
            " NULL, NULL FROM events_registration g JOIN events_event e ON e.id = g.event_id"
            " WHERE g.user_id = %(demo)s ORDER BY g.created_at",
            {"url": ticket_url, "registration": registration, "demo": DEMO_ID},
        )

    def reset_sequences(self):
        tables = {*self.counts, "analytics_activity", "community_notification"}
        with self.conn.cursor() as cursor:
            for table in sorted(tables):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                )
        self.conn.commit()


@contextlib.contextmanager
def connected():
    """Inside the bench process: the default connection on the large database, yielding
    the demo member; the test database comes back after."""
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sites.models import Site
    from django.core.cache import cache
    from django.db import connections

    from members.models import User

    connection = connections["default"]
    large = large_settings()
    saved = {key: connection.settings_dict[key] for key in CONNECTION_KEYS}

    def switch(to):
        connection.close()
        connection.settings_dict.update(to)
        # Ids differ between the two databases: forget what was cached from the other.
        ContentType.objects.clear_cache()
        Site.objects.clear_cache()
        cache.clear()

    switch({key: large[key] for key in CONNECTION_KEYS})
    try:
        yield User.objects.get(email=MEMBER_EMAIL)
    finally:
        switch(saved)
