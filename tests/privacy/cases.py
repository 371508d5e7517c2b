"""How tests/privacy/routes.py's table is written: a case (a URL name, the objects it is
reversed with, the status each persona gets for a GET), the statuses, and the builders
that keep the table short (`members()`, `post_only()`, `in_space`, `at_event`...).

Statuses: 200, 403, 404, 405 (POST-only views), LOGIN (a 302 to sign-in), REDIRECT (a
302 elsewhere); a tuple accepts any of its statuses where the promise allows either.
A refusal about something secret is a 404, never a 403 that names it.
"""

from dataclasses import dataclass

from tests.privacy.community import PERSONAS, SIGNED_IN, SPACES

LOGIN = "302 to sign-in"
REDIRECT = "302 elsewhere"


@dataclass(frozen=True)
class Case:
    label: str
    name: str
    kwargs: dict
    expect: dict  # persona -> status, or a tuple of accepted statuses
    query: str = ""
    reads_as: str | None = None  # a secret address: its holder reads as its owner
    languages: tuple = ("fr",)
    suffix: str = ""  # added to the reversed address (the admin's unnamed patterns)


# --- expectations -------------------------------------------------------------------


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


def members(status=200, **others):
    """Anonymous visitors are sent to sign in; signed-in members get `status`."""
    return {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, status), **others}


def only(*allowed, status=200, refused=403):
    """Signed-in members other than `allowed` are refused."""
    return members(refused, **dict.fromkeys(allowed, status))


def post_only():
    return members(405)


# --- the personas' places in each space and at each event ---------------------------

SPACE_ROLES = {
    "open": {
        "outsider": "reader",
        "alice": "owner",
        "bob": "member",
        "hidden": "member",
        "removed": "reader",
        "staff": "staff",
    },
    "private": {
        "outsider": "visitor",
        "alice": "owner",
        "bob": "member",
        "hidden": "visitor",
        "removed": "visitor",
        "staff": "staff",
    },
    "secret": {
        "outsider": "stranger",
        "alice": "owner",
        "bob": "stranger",
        "hidden": "stranger",
        "removed": "stranger",
        "staff": "staff",
    },
}
ROLE_LEVEL = {"visitor": 0, "reader": 1, "member": 2, "owner": 3, "staff": 3}
NEEDS_LEVEL = {"see": 0, "read": 1, "post": 2, "moderate": 3, "manage": 3}
# The authors of each space's replies (see community.py).
REPLIER = {"open": "bob", "private": "bob", "secret": "alice"}


def in_space(space, needs, item="visible", refused=403):
    """Who gets what on a space's page that `needs` a level (see spaces.permissions).
    A secret space is a 404 to whoever is not in it. `item`: "hidden" (a moderator hid it:
    a 404 but for moderators) or "deleted" (a 404 for everyone). `refused`: the status of a
    refusal where the space is known (files: 404, whether a file exists is not told)."""
    expect = {"anonymous": LOGIN}
    for persona, role in SPACE_ROLES[space].items():
        if role == "stranger":
            expect[persona] = 404
        elif ROLE_LEVEL[role] < NEEDS_LEVEL[needs]:
            expect[persona] = refused if item == "visible" else (refused, 404)
        elif item == "deleted" or (item == "hidden" and ROLE_LEVEL[role] < 3):
            expect[persona] = 404
        else:
            expect[persona] = 200
    return expect


def edit_own_post(space, item):
    """The author of a visible post edits it; no one edits a hidden or deleted one."""
    expect = {"anonymous": LOGIN}
    for persona, role in SPACE_ROLES[space].items():
        if role == "stranger":
            expect[persona] = 404
        elif item == "visible" and persona == REPLIER[space]:
            expect[persona] = 200
        elif item == "visible":
            expect[persona] = 403
        else:
            expect[persona] = (403, 404)
    return expect


EVENTS = ("public", "members", "tier", "private", "secret", "draft", "online", "past")
# The pages of one event are crawled at these: an ordinary one, a secret space's, a draft.
MAIN_EVENTS = ("members", "secret", "draft")
ATTENDEES = {
    "public": {"alice"},
    "members": {"alice", "hidden"},
    "tier": {"alice"},
    "private": {"alice"},
    "secret": {"alice"},
    "draft": set(),
    "online": {"alice"},
    "past": {"alice"},
}
SEATED = {"alice"}  # at the members' and the secret event's workshop table


def event_refusal(event, persona):
    """What a persona outside the event's audience gets, or None when inside it."""
    if persona == "staff":
        return None
    if event == "public":
        return None
    if event == "draft":
        return (LOGIN, 404) if persona == "anonymous" else 404
    if event == "secret":
        if persona == "alice":
            return None
        return (LOGIN, 404) if persona == "anonymous" else 404
    if event in ("members", "online", "past"):
        return (LOGIN, 403) if persona == "anonymous" else None
    if event == "tier":
        if persona == "alice":
            return None
        return (LOGIN, 403, 404) if persona == "anonymous" else (403, 404)
    if event == "private":
        if persona in ("alice", "bob"):
            return None
        return (LOGIN, 403, 404) if persona == "anonymous" else (403, 404)
    raise AssertionError(event)


def at_event(event, needs, *, login_required=True):
    """Who gets what on an event's page (see events.permissions): `needs` is "view",
    "attendee" (confirmed attendees and staff), "staff", "ticket" (one's own
    registration, else back to the event), "feedback" (one's own confirmed
    registration) or "table" (the table's people and staff)."""
    expect = {}
    for persona in PERSONAS:
        refusal = event_refusal(event, persona)
        attendee = persona in ATTENDEES[event]
        if persona == "anonymous" and login_required:
            expect[persona] = LOGIN
        elif refusal is not None:
            expect[persona] = refusal
        elif needs == "view":
            expect[persona] = 200
        elif needs == "attendee":
            expect[persona] = 200 if attendee or persona == "staff" else 403
        elif needs == "staff":
            expect[persona] = 200 if persona == "staff" else 403
        elif needs == "ticket":
            expect[persona] = 200 if attendee else REDIRECT
        elif needs == "feedback":
            expect[persona] = 200 if attendee else 403
        elif needs == "table":
            expect[persona] = 200 if persona in SEATED or persona == "staff" else 403
        else:
            raise AssertionError(needs)
    return expect


# --- building the cases ------------------------------------------------------------


def page(expect, *, query="", languages=("fr",)):
    """A page without arguments."""

    def cases(community, name):
        return [Case(name, name, {}, expect, query=query, languages=languages)]

    return cases


def target(label, kwargs, expect, **options):
    """One object: `kwargs(community)` reverses the URL."""

    def cases(community, name):
        return [Case(f"{name} {label}", name, kwargs(community), expect, **options)]

    return cases


def targets(*makers):
    def cases(community, name):
        return [case for make in makers for case in make(community, name)]

    return cases


def per_space(
    needs, kwargs=None, *, item="visible", spaces=SPACES, query="", label="", refused=403
):
    """The page in each space; `kwargs(community, space)` gives the objects beyond the slug."""
    detail = label or (item if item != "visible" else "")

    def cases(community, name):
        return [
            Case(
                f"{name} {space}" + (f" ({detail})" if detail else ""),
                name,
                {
                    "slug": community.spaces[space].slug,
                    **(kwargs(community, space) if kwargs else {}),
                },
                in_space(space, needs, item, refused),
                query=query,
            )
            for space in spaces
        ]

    return cases


def per_event(needs, kwargs=None, *, events=MAIN_EVENTS, login_required=True):
    def cases(community, name):
        return [
            Case(
                f"{name} {event}",
                name,
                {
                    "slug": community.events[event].slug,
                    **(kwargs(community, event) if kwargs else {}),
                },
                at_event(event, needs, login_required=login_required),
            )
            for event in events
        ]

    return cases


def post_only_at(kwargs):
    return target("(POST only)", kwargs, post_only())


def _space(space):
    return lambda c: {"slug": c.spaces[space].slug}


def _event(event):
    return lambda c: {"slug": c.events[event].slug}


def _profile(key):
    return lambda c: {"pk": c.users[key].profile.pk}


def _reply(kind):
    return lambda c, space: {"kind": "reply", "pk": c.replies[f"{space}.{kind}"].pk}


def _attachment(kind):
    return lambda c, space: {"pk": c.attachments[f"{space}.{kind}"].pk}
