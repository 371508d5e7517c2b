"""The privacy crawl: every address of the site, as each persona, for its status and for
anything the persona must never see (tests/privacy/community.py says what and to whom;
tests/privacy/routes.py says which status each persona gets where)."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from events.services import meetings as meeting_services
from tests.privacy.admin_pages import admin_cases
from tests.privacy.community import HIDDEN_ANSWER_WORD, PERSONAS, SIGNED_IN
from tests.privacy.crawl import accepts, fetch, leaks, named_patterns, shown, url_of
from tests.privacy.routes import ROUTES

GROUPS = ("community", "members", "events", "spaces", "direct", "accounts", "other")


def group_of(name):
    """Which test crawls a URL name: one per app, and "other" for apps added later."""
    if name.startswith(("account_", "mfa_")):
        return "accounts"
    if ":" not in name:
        return "community"
    namespace = name.split(":", 1)[0]
    return namespace if namespace in GROUPS else "other"


def test_every_url_name_has_an_entry_in_the_crawl_table():
    missing = sorted(
        {
            name
            for name, _route in named_patterns()
            if name and not name.startswith("admin:") and name not in ROUTES
        }
    )
    assert not missing, (
        "These URL names have no entry in tests/privacy/routes.py: add each to ROUTES with "
        "the objects it is reversed with and the status every persona gets, so the privacy "
        "crawl covers it: " + ", ".join(missing)
    )


def test_every_entry_of_the_crawl_table_is_a_url_name_of_the_site():
    names = {name for name, _route in named_patterns() if name}
    stale = sorted(set(ROUTES) - names)
    assert not stale, (
        "These entries of tests/privacy/routes.py name no URL of the site any more: "
        "remove or rename them: " + ", ".join(stale)
    )


def test_every_unnamed_pattern_is_one_the_crawl_knows():
    """Unnamed patterns cannot be reversed: the admin's (covered by the admin crawl) and
    the media files' (covered by the hostile paths below) are the only ones."""
    unknown = [
        route
        for name, route in named_patterns()
        if name is None and not route.startswith("admin/") and route != "^media/(?P<path>.*)$"
    ]
    assert not unknown, (
        "These URL patterns have no name, so the privacy crawl cannot reach them; name "
        "them and add them to tests/privacy/routes.py: " + ", ".join(unknown)
    )


def crawl(community, persona, cases):
    """Fetch each case as the persona; the failures, one line each."""
    client = community.clients[persona]
    placeholders = {key: user.profile.pk for key, user in community.users.items()}
    failures = []
    for case in cases:
        reader = case.reads_as or persona
        forbidden = community.forbidden_for(reader, case.name)
        for language in case.languages:
            url = url_of(case, case.query.format(**placeholders), language)
            fetched = fetch(client, url)
            expected = case.expect[persona]
            if not accepts(expected, fetched.outcome):
                failures.append(
                    f"{case.label} [{url}] as {persona}: {fetched.describe()}, "
                    f"expected {shown(expected)}"
                )
            for key in leaks(forbidden, fetched):
                failures.append(
                    f"{case.label} [{url}] as {persona}: shows {key} "
                    f"({community.markers[key]!r}), but {community.promise_of(key, reader)}"
                )
    return failures


def cases_of(community, group):
    return [
        case
        for name, make in ROUTES.items()
        if group_of(name) == group
        for case in make(community, name)
    ]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("group", GROUPS)
def test_each_persona_gets_the_expected_status_and_sees_nothing_forbidden(
    community, group, persona
):
    failures = crawl(community, persona, cases_of(community, group))
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_admin_is_for_staff_and_shows_staff_nothing_forbidden(community, persona):
    names = {name for name, _route in named_patterns() if name and name.startswith("admin:")}
    cases, unknown = admin_cases(community, names)
    assert not unknown, (
        "The admin crawl (tests/privacy/admin_pages.py) cannot reverse these admin URL "
        "names: add them to its site-wide table: " + ", ".join(unknown)
    )
    failures = crawl(community, persona, cases)
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


def hostile_paths(stored_name):
    """Ways to ask the media view for a private file by its stored name."""
    first = stored_name.split("/", 1)[0]
    media = settings.MEDIA_URL
    return [
        f"{media}{stored_name}",
        f"{media}./{stored_name}",
        f"{media}/{stored_name}",
        f"{media}%2e/{stored_name}",
        f"{media}{first}/../{stored_name}",
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_media_path_returns_a_private_file(community, persona):
    client = community.clients[persona]
    failures = []
    for key, attachment in sorted(community.attachments.items()):
        content = community.file_bytes[key]
        for path in hostile_paths(attachment.file.name):
            fetched = fetch(client, path)
            if content in fetched.text:
                failures.append(
                    f"{path} as {persona}: {fetched.status} with the bytes of the {key} "
                    "attachment; private files are served only through the views that check "
                    "who may read them"
                )
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


def named_by_answers(community):
    """POSTs whose answer (redirect followed) may name a person: (label, url, data)."""
    hidden, gone = community.users["hidden"], community.users["gone"]
    open_space, private_space = community.spaces["open"], community.spaces["private"]
    event = community.events["members"]
    slot, _end = meeting_services.meeting_slots(event)[0]
    posts = []
    for key, user in (("hidden", hidden), ("gone", gone)):
        block = reverse("direct:block", args=[user.pk])
        posts += [
            (f"blocking the {key} member", block, {"action": "block"}),
            (f"unblocking the {key} member", block, {"action": "unblock"}),
        ]
    moderate = reverse("spaces:moderate_member", args=[open_space.slug, hidden.pk])
    posts += [
        ("muting the hidden member", moderate, {"action": "mute", "days": 1}),
        ("unmuting the hidden member", moderate, {"action": "unmute"}),
        (
            "inviting the hidden member by email",
            reverse("spaces:invite", args=[private_space.slug]),
            {"email": hidden.email},
        ),
        (
            "asking the hidden member for a meeting",
            reverse("events:meeting_request", args=[event.slug]),
            {"invitee": hidden.pk, "starts_at": slot.isoformat()},
        ),
    ]
    return posts


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_answers_to_posts_do_not_name_hidden_or_deactivated_members(community, persona):
    client = community.clients[persona]
    forbidden = community.forbidden_for(persona)
    failures = []
    for label, url, data in named_by_answers(community):
        fetched = fetch(client, url, method="post", data=data, follow=True)
        if fetched.status >= 500:
            failures.append(f"{label} [{url}] as {persona}: {fetched.describe()}")
        for key in leaks(forbidden, fetched):
            failures.append(
                f"{label} [POST {url}] as {persona}: shows {key} "
                f"({community.markers[key]!r}), but {community.promise_of(key, persona)}"
            )
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_a_hidden_accepted_answer_is_in_no_feed_and_no_knowledge_search(community, persona):
    """Not even for the space's moderators: a feed or a search result is not the place a
    moderator reviews what they hid."""
    client = community.clients[persona]
    answer = {"open.hidden_answer": community.markers["open.hidden_answer"]}
    question = {"open.question_title": community.markers["open.question_title"]}
    knowledge = reverse("spaces:knowledge", args=[community.spaces["open"].slug])
    pages = [
        ("the home feed", reverse("home"), {}, answer),
        ("the home feed's next items", reverse("home"), {"HX-Request": "true"}, answer),
        ("the knowledge base", knowledge, {}, answer),
        (
            "the knowledge search for a word of the hidden answer",
            f"{knowledge}?q={HIDDEN_ANSWER_WORD}",
            {},
            {**answer, **question},
        ),
    ]
    failures = []
    for label, url, headers, forbidden in pages:
        fetched = fetch(client, url, **headers)
        failures += [
            f"{label} [{url}] as {persona}: shows {key} ({community.markers[key]!r})"
            for key in leaks(forbidden, fetched)
        ]
    assert not failures, "\n".join(failures)


SEEN_WHERE_ALLOWED = [
    # (persona, URL name, kwargs, marker keys the page shows them)
    (
        "alice",
        "spaces:thread",
        lambda c: {"slug": c.spaces["secret"].slug, "pk": c.threads["secret"].pk},
        ["secret.name", "secret.thread_title", "secret.reply_body", "secret.hidden_body"],
    ),
    (
        "bob",
        "spaces:thread",
        lambda c: {"slug": c.spaces["private"].slug, "pk": c.threads["private"].pk},
        ["private.thread_title", "private.thread_body", "private.reply_file_name"],
    ),
    ("bob", "spaces:chat", lambda c: {"slug": c.spaces["private"].slug}, ["private.chat"]),
    (
        "alice",
        "spaces:attachment",
        lambda c: {"slug": c.spaces["secret"].slug, "pk": c.attachments["secret.visible"].pk},
        ["secret.reply_file_bytes"],
    ),
    (
        "bob",
        "direct:conversation",
        lambda c: {"pk": c.objects["conversation"].pk},
        ["conversation", "alice.name"],
    ),
    ("hidden", "members:profile", lambda c: {"pk": c.users["hidden"].profile.pk}, ["hidden.name"]),
    ("staff", "members:profile", lambda c: {"pk": c.users["hidden"].profile.pk}, ["hidden.name"]),
    ("staff", "members:profile", lambda c: {"pk": c.users["gone"].profile.pk}, ["gone.name"]),
    (
        "alice",
        "events:detail",
        lambda c: {"slug": c.events["online"].slug},
        ["event.online", "event.online_link"],
    ),
    ("alice", "events:detail", lambda c: {"slug": c.events["tier"].slug}, ["event.tier"]),
    ("staff", "events:detail", lambda c: {"slug": c.events["draft"].slug}, ["event.draft"]),
    ("alice", "events:list", lambda c: {}, ["secret.event_title", "event.tier"]),
    ("staff", "admin:members_user_changelist", lambda c: {}, ["bob.email", "gone.email"]),
]


@pytest.mark.parametrize(("persona", "name", "kwargs", "keys"), SEEN_WHERE_ALLOWED)
def test_the_markers_show_where_they_may_so_their_absence_elsewhere_means_something(
    community, persona, name, kwargs, keys
):
    with translation.override("fr"):
        url = reverse(name, kwargs=kwargs(community))
    fetched = fetch(community.clients[persona], url)
    assert fetched.status == 200
    assert [key for key in keys if not leaks({key: community.markers[key]}, fetched)] == []
