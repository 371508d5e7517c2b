"""Send forms as each persona and judge every answer: never a server error, and a refused
request leaves every table as it was.

Each request runs in a savepoint rolled back after it, so every hostile value meets the
same community, and what one request did (a sign-out, a deletion) does not change the
next one."""

import traceback
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from tests.security.crawler import parse_forms
from tests.security.hostile import baseline, controls, hostile_values

# The privacy crawl's personas (tests/privacy/community.py): staff, with an authenticator;
# alice, a member of spaces (she owns them) and of events (registered, seated at a table);
# bob, a member of spaces; the outsider, a member of nothing; a visitor. Staff first: the
# first persona to find a form sends every hostile value to each of its fields; the others
# send one value per field (a different one each), and the form twice.
PERSONAS = ("staff", "alice", "bob", "outsider", "anonymous")

# Rows that say nothing about what a request stored: sessions come and go with sign-ins.
UNCOUNTED = {"django_session"}

# Forms whose every submit makes a new thing on purpose (a post, a message, an event):
# a double submit there makes two, as two clicks would. Everywhere else the same form sent
# twice leaves what it left once.
EACH_SUBMIT_ADDS = {
    "spaces:create",
    "spaces:thread_create",
    "spaces:thread",  # a reply
    "spaces:chat",  # a chat message, for browsers without the live chat
    "direct:new",
    "direct:conversation",
    "events:create",
    "events:repeat",
    "events:table_add",
    "events:live_poll_create",
}
# Logs a repeated submit may grow: the admin's history and the activity log record each
# request that acted, even when the second changed nothing.
HISTORY_TABLES = {"django_admin_log", "analytics_activity"}


def adds_each_time(route):
    """An admin's add page makes a new row each time too."""
    return route in EACH_SUBMIT_ADDS or (route.startswith("admin:") and route.endswith("_add"))


def row_counts():
    """{table: rows} for every table, in one query."""
    tables = sorted(set(connection.introspection.table_names()) - UNCOUNTED)
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT '{name}', COUNT(*) FROM {quote(name)}" for name in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def changed(before, after):
    return {
        table: after.get(table, 0) - before.get(table, 0)
        for table in sorted(set(before) | set(after))
        if after.get(table, 0) != before.get(table, 0)
    }


class Visitors:
    """One test client per persona, signed in once (outside the requests' savepoints);
    before each request its cookies are put back as they were after signing in, so a
    request that signed out, or changed the session, does not change the next one (each
    request is rolled back, the session's row with it)."""

    def __init__(self, community):
        self.sessions = {}
        for persona in PERSONAS:
            client = Client()
            if persona != "anonymous":
                client.force_login(community.users[persona])
            cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
            self.sessions[persona] = (client, cookie.value if cookie else None)

    def client(self, persona):
        client, session_key = self.sessions[persona]
        client.exc_info = None  # a request that raised leaves its exception here
        client.cookies.clear()
        if session_key:
            client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        return client


@dataclass
class Found:
    """The forms of the site, per persona, and the pages that failed to open."""

    forms: dict = field(default_factory=dict)  # route name -> [(persona, Form)]
    page_errors: list = field(default_factory=list)
    pages: int = 0


def crawl(community, addresses):
    """GET every address as each persona and keep one form per (persona, signature).
    Each GET is rolled back: the crawl leaves the community as it found it."""
    found = Found()
    visitors = Visitors(community)
    seen, post_only = set(), set()
    for persona in PERSONAS:
        for name, pages in addresses.items():
            for page in pages:
                if name in post_only:
                    break
                found.pages += 1
                try:
                    with transaction.atomic():
                        response = visitors.client(persona).get(page)
                        transaction.set_rollback(True)
                except Exception as error:  # noqa: BLE001 - reported, not hidden
                    found.page_errors.append(f"{persona} GET {page}: {describe(error)}")
                    continue
                if response.status_code == 405:
                    post_only.add(name)
                    continue
                if response.status_code >= 500:
                    found.page_errors.append(f"{persona} GET {page}: {response.status_code}")
                    continue
                if "html" not in response.get("Content-Type", ""):
                    continue
                for form in parse_forms(page, response.content.decode()):
                    key = (persona, form.signature())
                    if form.route is None or key in seen:
                        continue
                    seen.add(key)
                    found.forms.setdefault(form.route, []).append((persona, form))
    return found


def describe(error):
    """The exception and the deepest line of the project's own code it went through."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "site-packages" not in f.filename and "/tests/" not in f.filename]
    frame = (ours or frames)[-1] if frames else None
    where = f"{frame.filename.split('site-packages/')[-1]}:{frame.lineno}" if frame else "?"
    where = where.removeprefix(str(settings.BASE_DIR) + "/")
    return f"{type(error).__name__}: {str(error)[:200]} (at {where})"


class Sweeper:
    """Sends the forms of one route and collects what went wrong."""

    def __init__(self, community):
        self.community = community
        self.failures = []
        self.visitors = None
        self.before = None

    def sweep(self, persona, form, foreign_ids, *, sample=None):
        """Each hostile value in each field, the other fields as the page offered them;
        with `sample` (a number), one value per field."""
        if self.visitors is None:
            self.visitors = Visitors(self.community)
            self.before = row_counts()
        data = baseline(form)
        self.double_submit(persona, form, data)
        for position, control in enumerate(controls(form)):
            values = hostile_values(control, foreign_ids)
            if sample is not None:
                values = [values[(position + sample) % len(values)]]
            for label, value in values:
                if control.kind == "file":
                    attempt, files = data, {control.name: value}
                else:
                    attempt, files = {**data, control.name: [value]}, {}
                what = f"{persona} {form.method.upper()} {form.action} {control} = {label}"
                self.attempt(what, persona, form, attempt, files)

    def send(self, persona, form, data, files=None):
        client = self.visitors.client(persona)
        headers = {"HX-Request": "true"} if form.htmx else {}
        if form.method == "get":
            return client.get(form.action, data, headers=headers)
        return client.post(form.action, {**data, **(files or {})}, headers=headers)

    def attempt(self, what, persona, form, data, files):
        try:
            with transaction.atomic():
                response = self.send(persona, form, data, files)
                after = row_counts()
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - a server error, reported with its place
            self.failures.append(f"{what}: raised {describe(error)}")
            return
        self.judge(form, what, response, self.before, after)

    def double_submit(self, persona, form, data):
        what = f"{persona} {form.method.upper()} {form.action} twice (double submit)"
        try:
            with transaction.atomic():
                first = self.send(persona, form, data)
                once = row_counts()
                second = self.send(persona, form, data)
                twice = row_counts()
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001
            self.failures.append(f"{what}: raised {describe(error)}")
            return
        self.judge(form, f"{what}, first", first, self.before, once)
        self.judge(form, f"{what}, second", second, once, twice)
        if form.method == "get" or adds_each_time(form.route):
            return
        # Twice leaves at most what once left: a toggle sent twice is back where it
        # started, a registration sent twice is one registration.
        grown = {
            table: twice[table] - self.before.get(table, 0)
            for table in twice
            if table not in HISTORY_TABLES
            and twice[table] - self.before.get(table, 0)
            > max(once.get(table, 0) - self.before.get(table, 0), 0)
        }
        if grown:
            self.failures.append(f"{what}: left more rows than one submit: {grown}")

    def judge(self, form, what, response, before, after):
        status = response.status_code
        if status >= 500:
            self.failures.append(f"{what}: answered {status}")
        elif status >= 400 and form.method == "post" and changed(before, after):
            self.failures.append(
                f"{what}: refused with {status} but changed {changed(before, after)}"
            )
