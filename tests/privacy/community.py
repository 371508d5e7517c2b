"""The privacy crawl's community, built once through the models and services.

Every name, title, body, link and file byte below is a marker: a string that appears
nowhere else, so a page that shows it says exactly what leaked. `RULES` says who must
never see which markers (the platform's promises, see members/permissions.py for the
person rule).
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.text import slugify

from common import uploads
from common.markdown import render_markdown
from community.models import Notification
from events import services as event_services
from events.models import Event, Registration
from events.services import live as live_services
from events.services import meetings as meeting_services
from events.services import workshops as workshop_services
from members.models import Membership as TierMembership
from members.models import MembershipTier, Profile
from spaces import services as space_services
from spaces.direct import services as direct
from spaces.models import Membership, Space, Thread
from spaces.permissions import access_to
from spaces.services import chat, moderation
from tests.factories import UserFactory, verified

PERSONAS = ("anonymous", "outsider", "alice", "bob", "hidden", "removed", "staff")
SIGNED_IN = PERSONAS[1:]
SPACES = ("open", "private", "secret")

# The word of the hidden accepted answer that the knowledge search looks for.
HIDDEN_ANSWER_WORD = "tournesolzq"

PEOPLE = {
    # key: (email, display name, profile visibility)
    "outsider": ("olga.outsider@example.org", "Olga Dehors", "members"),
    "alice": ("alice.owner@example.org", "Alice Tremblay", "members"),
    "bob": ("bob.member@example.org", "Bob Gagnon", "members"),
    "hidden": ("helene.hidden@example.org", "Hélène Cachemire", "hidden"),
    "removed": ("remi.removed@example.org", "Rémi Écarté", "members"),
    "staff": ("sam.staff@example.org", "Sam Personnel", "members"),
    "gone": ("gaston.gone@example.org", "Gaston Disparu", "members"),
    "carol": ("carole.extra@example.org", "Carole Figurante", "members"),
}


def space_markers(space):
    """The markers of one space, its content and its files."""
    key = space.upper()
    return {
        f"{space}.name": f"Espace {key}-NAME-mq",
        f"{space}.slug": f"espace-{space}-slug-mq",
        f"{space}.description": f"{key}-SPACE-DESCRIPTION-mq",
        f"{space}.thread_title": f"{key}-THREAD-TITLE-mq",
        f"{space}.thread_body": f"{key}-THREAD-BODY-mq",
        f"{space}.reply_body": f"{key}-VISIBLE-REPLY-BODY-mq",
        f"{space}.reply_file_name": f"{key}-VISIBLE-REPLY-FILE-mq.txt",
        f"{space}.reply_file_bytes": f"PRIVATE-BYTES-{space}-visible-reply",
        f"{space}.chat": f"{key}-CHAT-MESSAGE-mq",
        f"{space}.hidden_body": f"{key}-HIDDEN-REPLY-BODY-mq",
        f"{space}.hidden_file_name": f"{key}-HIDDEN-REPLY-FILE-mq.txt",
        f"{space}.hidden_file_bytes": f"PRIVATE-BYTES-{space}-hidden-reply",
        f"{space}.deleted_body": f"{key}-DELETED-REPLY-BODY-mq",
        f"{space}.deleted_file_name": f"{key}-DELETED-REPLY-FILE-mq.txt",
        f"{space}.deleted_file_bytes": f"PRIVATE-BYTES-{space}-deleted-reply",
        f"{space}.event_title": f"{key}-SPACE-EVENT-TITLE-mq",
    }


MARKERS = {
    **{key: value for space in SPACES for key, value in space_markers(space).items()},
    "open.gone_thread_title": "OPEN-GONE-THREAD-TITLE-mq",
    "open.gone_thread_body": "OPEN-GONE-THREAD-BODY-mq",
    "open.question_title": "OPEN-QUESTION-TITLE-mq",
    "open.question_body": "OPEN-QUESTION-BODY-mq",
    "open.hidden_answer": f"OPEN-HIDDEN-ANSWER-BODY-mq {HIDDEN_ANSWER_WORD}",
    "conversation": "DIRECT-MESSAGE-ALICE-BOB-mq",
    "reported": "DIRECT-REPORTED-MESSAGE-mq",
    "event.public": "PUBLIC-EVENT-TITLE-mq",
    "event.members": "MEMBERS-EVENT-TITLE-mq",
    "event.tier": "TIER-EVENT-TITLE-mq",
    "event.draft": "DRAFT-EVENT-TITLE-mq",
    "event.online": "ONLINE-EVENT-TITLE-mq",
    "event.online_link": "https://visio.example.org/ONLINE-LINK-mq",
    "event.past": "PAST-EVENT-TITLE-mq",
    "tier.name": "TIER-NAME-mq",
    "members.table": "MEMBERS-EVENT-TABLE-mq",
    "secret.table": "SECRET-EVENT-TABLE-mq",
    "secret.table_notes": "SECRET-EVENT-TABLE-NOTES-mq",
    **{f"{key}.name": name for key, (_email, name, _v) in PEOPLE.items()},
    **{f"{key}.email": email for key, (email, _name, _v) in PEOPLE.items()},
    "hidden.handle": "helene-cachemire",
}


@dataclass(frozen=True)
class Rule:
    """Markers some personas must never see, anywhere on the site."""

    promise: str
    keys: tuple
    allowed: frozenset  # the personas who may see them


def _rule(promise, keys, allowed):
    return Rule(promise, tuple(keys), frozenset(allowed))


def _space_content(space):
    return [
        f"{space}.thread_title",
        f"{space}.thread_body",
        f"{space}.reply_body",
        f"{space}.reply_file_name",
        f"{space}.reply_file_bytes",
        f"{space}.chat",
    ]


# What a persona is told about themself on one page, though the rules keep it from them
# elsewhere: the member removed from the secret space is told from which one, in their
# own notifications (they were in it, so they know its name).
TOLD_ON = {("removed", "notifications"): {"secret.name"}}

RULES = [
    _rule(
        "a secret space is unknown to whoever is not in it",
        [key for key in MARKERS if key.startswith("secret.") and "deleted" not in key],
        {"alice", "staff"},
    ),
    _rule(
        "a private space's discussions are for its members",
        [*_space_content("private"), "private.hidden_body", "private.hidden_file_bytes"],
        {"alice", "bob", "staff"},
    ),
    _rule(
        "visitors who are not signed in see no space at all",
        [
            "open.name",
            "open.description",
            "private.name",
            "private.description",
            *_space_content("open"),
            "open.gone_thread_title",
            "open.gone_thread_body",
            "open.question_title",
            "open.question_body",
        ],
        SIGNED_IN,
    ),
    _rule(
        "a post a moderator hid is for the space's moderators and staff",
        [
            f"{space}.hidden_{part}"
            for space in SPACES
            for part in ("body", "file_name", "file_bytes")
        ]
        + ["open.hidden_answer"],
        {"alice", "staff"},
    ),
    _rule(
        "a deleted post is gone, its words and its files",
        [
            f"{space}.deleted_{part}"
            for space in SPACES
            for part in ("body", "file_name", "file_bytes")
        ],
        set(),
    ),
    _rule(
        "a hidden profile is known to no one but the member and staff",
        ["hidden.name", "hidden.handle", "hidden.profile_url"],
        {"hidden", "staff"},
    ),
    _rule(
        "a deactivated account is known to staff alone",
        ["gone.name", "gone.profile_url"],
        {"staff"},
    ),
    _rule(
        "a private conversation is for its participants (not staff)",
        ["conversation"],
        {"alice", "bob"},
    ),
    _rule(
        "a reported private message reaches staff, not other members",
        ["reported"],
        {"alice", "bob", "staff"},
    ),
    _rule(
        "an online event's link is for confirmed attendees and staff",
        ["event.online_link"],
        {"alice", "staff"},
    ),
    _rule("a draft event is for staff", ["event.draft"], {"staff"}),
    _rule(
        "a tier's event is for the tier's members",
        ["event.tier"],
        {"alice", "staff"},
    ),
    _rule(
        "members-only profiles are for signed-in members",
        [f"{key}.name" for key in ("outsider", "alice", "bob", "removed", "staff", "carol")],
        SIGNED_IN,
    ),
    *[
        _rule(
            f"{key}'s email address is for {key} and staff",
            [f"{key}.email"],
            {key, "staff"} if key in PERSONAS else {"staff"},
        )
        for key in PEOPLE
    ],
]


@dataclass
class Community:
    """The objects of the community, by role, and each persona's forbidden markers."""

    users: dict = field(default_factory=dict)
    spaces: dict = field(default_factory=dict)
    threads: dict = field(default_factory=dict)
    replies: dict = field(default_factory=dict)  # "open.visible", "open.hidden", ...
    chats: dict = field(default_factory=dict)
    attachments: dict = field(default_factory=dict)  # same keys as replies
    file_bytes: dict = field(default_factory=dict)  # each attachment's content, same keys
    memberships: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)
    registrations: dict = field(default_factory=dict)  # "members.alice", ...
    markers: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)  # anything else the table reverses with

    def profile_url_pattern(self, key):
        """/members/<pk>/ or /en/members/<pk>/ (absolute or not), not a space's members/<id>."""
        pk = self.users[key].profile.pk
        return re.compile(rf"(?:^|[\s\"'=(>]|//[\w.:-]+)(?:/en)?/members/{pk}/")

    def forbidden_for(self, persona, url_name=None):
        """{marker key: marker} that `persona` must never see (on the page `url_name`)."""
        excused = TOLD_ON.get((persona, url_name), ())
        return {
            key: self.markers[key]
            for rule in RULES
            if persona not in rule.allowed
            for key in rule.keys
            if key not in excused
        }

    def promise_of(self, key, persona):
        """The promise that keeps this marker from this persona."""
        return next(
            rule.promise for rule in RULES if key in rule.keys and persona not in rule.allowed
        )


@contextmanager
def community_for_module(django_db_blocker, tmp_path_factory):
    """The community, with its own media folders and one signed-in client per persona,
    inside a transaction rolled back on leaving (for a module-scoped fixture)."""
    media = tmp_path_factory.mktemp("privacy-media")
    private = tmp_path_factory.mktemp("privacy-private-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=private),
        translation.override(settings.LANGUAGE_CODE),
        transaction.atomic(),
    ):
        built = build_community()
        built.media_root = media
        built.private_media_root = private
        built.clients = {}
        for persona in PERSONAS:
            client = Client(raise_request_exception=False)
            if persona != "anonymous":
                client.force_login(built.users[persona])
            built.clients[persona] = client
        yield built
        transaction.set_rollback(True)


def build_community():
    """The whole community, written through the services where one exists."""
    community = Community(markers=dict(MARKERS))
    _people(community)
    _spaces(community)
    _events(community)
    conversation = direct.start_conversation(
        sender=community.users["alice"],
        recipients=[community.users["bob"]],
        body=MARKERS["conversation"],
    )
    community.objects["conversation"] = conversation
    community.objects["direct_message"] = conversation.messages.get()
    # A message bob reports: it alone reaches staff, not the conversation.
    reported = direct.send_message(
        sender=community.users["alice"], conversation=conversation, body=MARKERS["reported"]
    )
    community.objects["report"] = direct.report(
        reporter=community.users["bob"], message=reported, reason="spam"
    )
    community.objects["notification"] = Notification.objects.filter(
        recipient=community.users["alice"]
    ).first()
    # The person rule's profile addresses are markers too (known once the rows exist).
    community.markers["hidden.profile_url"] = community.profile_url_pattern("hidden")
    community.markers["gone.profile_url"] = community.profile_url_pattern("gone")
    return community


def _people(community):
    for key, (email, name, visibility) in PEOPLE.items():
        user = verified(
            UserFactory(
                email=email,
                is_staff=key == "staff",
                is_superuser=key == "staff",
                profile__display_name=name,
                profile__visibility=visibility,
            )
        )
        community.users[key] = user
    Authenticator.objects.create(
        user=community.users["staff"],
        type=Authenticator.Type.TOTP,
        data={"secret": "JBSWY3DPEHPK3PXP"},
    )
    assert community.users["hidden"].profile.handle == MARKERS["hidden.handle"]
    assert community.users["hidden"].profile.visibility == Profile.Visibility.HIDDEN


def _text_file(name, content):
    upload = SimpleUploadedFile(name, content, content_type="text/plain")
    return upload, uploads.inspect(upload)


def _spaces(community):
    users = community.users
    alice, bob, hidden, removed, gone = (
        users[k] for k in ("alice", "bob", "hidden", "removed", "gone")
    )
    members = {
        "open": [bob, hidden, gone],
        "private": [bob, removed],
        "secret": [removed],
    }
    now = timezone.now()
    for space_key in SPACES:
        m = {
            key.split(".", 1)[1]: value
            for key, value in MARKERS.items()
            if key.startswith(f"{space_key}.")
        }
        space = Space.objects.create(
            name=m["name"],
            slug=m["slug"],
            description=m["description"],
            visibility=space_key,
            created_by=alice,
        )
        community.spaces[space_key] = space
        Membership.objects.create(space=space, user=alice, role="owner", joined_at=now)
        for member in members[space_key]:
            community.memberships[f"{space_key}.{_key_of(community, member)}"] = (
                Membership.objects.create(space=space, user=member, joined_at=now)
            )
        # Replies in the secret space are alice's: no one else is left in it.
        replier = bob if space_key != "secret" else alice
        thread = _thread(space, alice, m["thread_title"], m["thread_body"])
        community.threads[space_key] = thread
        access = access_to(replier, space)
        for kind in ("visible", "hidden", "deleted"):
            body_key = "reply_body" if kind == "visible" else f"{kind}_body"
            file_key = "reply_file" if kind == "visible" else f"{kind}_file"
            reply = space_services.reply_to_thread(
                access=access,
                thread=thread,
                body=m[body_key],
                files=[_text_file(m[f"{file_key}_name"], m[f"{file_key}_bytes"].encode())],
            )
            community.replies[f"{space_key}.{kind}"] = reply
            community.attachments[f"{space_key}.{kind}"] = reply.attachments.get()
            community.file_bytes[f"{space_key}.{kind}"] = m[f"{file_key}_bytes"]
        moderation.hide(moderator=alice, space=space, item=community.replies[f"{space_key}.hidden"])
        space_services.delete_post(author=replier, post=community.replies[f"{space_key}.deleted"])
        community.chats[space_key] = chat.post_message(
            access=access_to(alice, space), body=m["chat"]
        )
    open_space = community.spaces["open"]
    # A deactivated member's thread, written before they left.
    community.threads["open.gone"] = _thread(
        open_space, gone, MARKERS["open.gone_thread_title"], MARKERS["open.gone_thread_body"]
    )
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    # A question whose accepted answer a moderator then hid.
    question = _thread(
        open_space,
        alice,
        MARKERS["open.question_title"],
        MARKERS["open.question_body"],
        kind=Thread.Kind.QUESTION,
    )
    answer = space_services.reply_to_thread(
        access=access_to(bob, open_space), thread=question, body=MARKERS["open.hidden_answer"]
    )
    space_services.accept_answer(by=alice, thread=question, reply=answer)
    moderation.hide(moderator=alice, space=open_space, item=answer)
    community.threads["open.question"] = question
    community.replies["open.answer"] = answer
    # Removed by a moderator from the private and the secret space.
    for space_key in ("private", "secret"):
        membership = community.memberships[f"{space_key}.removed"]
        assert moderation.remove(moderator=alice, membership=membership)


def _thread(space, author, title, body, **extra):
    thread = Thread.objects.create(
        space=space,
        author=author,
        title=title,
        body=body,
        body_html=render_markdown(body),
        **extra,
    )
    return thread


def _key_of(community, user):
    return next(key for key, value in community.users.items() if value.pk == user.pk)


def _events(community):
    users = community.users
    alice, hidden, carol, staff = (users[k] for k in ("alice", "hidden", "carol", "staff"))
    tier = MembershipTier.objects.create(name=MARKERS["tier.name"])
    TierMembership.objects.create(user=alice, tier=tier)
    community.objects["tier"] = tier
    soon = timezone.now() + timedelta(days=7)
    specs = {
        "public": {"audience": Event.Audience.PUBLIC},
        "members": {"audience": Event.Audience.MEMBERS},
        "tier": {"audience": Event.Audience.TIERS},
        "private": {"audience": Event.Audience.SPACE, "space": community.spaces["private"]},
        "secret": {"audience": Event.Audience.SPACE, "space": community.spaces["secret"]},
        "draft": {"audience": Event.Audience.MEMBERS, "is_published": False},
        "online": {
            "audience": Event.Audience.MEMBERS,
            "format": Event.Format.ONLINE,
            "venue": "",
            "online_url": MARKERS["event.online_link"],
        },
        "past": {"audience": Event.Audience.MEMBERS, "starts_at": soon - timedelta(days=30)},
    }
    for key, fields in specs.items():
        title = MARKERS[f"{key}.event_title" if key in ("private", "secret") else f"event.{key}"]
        starts_at = fields.pop("starts_at", soon)
        fields.setdefault("venue", "Centre communautaire")
        event = Event.objects.create(
            title=title,
            slug=slugify(title),
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            created_by=staff,
            **fields,
        )
        if key == "tier":
            event.tiers.set([tier])
        community.events[key] = event
        if key == "draft":
            continue
        if key == "past":
            registration = Registration.objects.create(
                event=event, user=alice, status=Registration.Status.CONFIRMED
            )
        else:
            registration = event_services.register(event=event, user=alice)
        community.registrations[f"{key}.alice"] = registration
    members_event = community.events["members"]
    community.registrations["members.hidden"] = event_services.register(
        event=members_event, user=hidden, is_listed=True
    )
    community.registrations["members.carol"] = event_services.register(
        event=members_event, user=carol
    )
    for key in ("members", "secret"):
        event = community.events[key]
        table = workshop_services.add_table(event=event, theme=MARKERS[f"{key}.table"], by=staff)
        workshop_services.choose_table(table=table, user=alice)
        community.tables[key] = table
    secret_table = community.tables["secret"]
    workshop_services.save_notes(
        table=secret_table, user=alice, notes=MARKERS["secret.table_notes"], base_version=0
    )
    live_services.ask_question(event=members_event, user=alice, body="Une question d'Alice ?")
    community.objects["live_question"] = members_event.live_questions.get()
    community.objects["poll"] = live_services.create_poll(
        event=members_event, question="Un sondage ?", choices=["Oui", "Non"], by=staff
    )
    start, _end = meeting_services.meeting_slots(members_event)[0]
    community.objects["meeting"] = meeting_services.request_meeting(
        event=members_event, requester=alice, invitee=carol, starts_at=start
    )
    community.objects["calendar_feed"] = event_services.calendar_feed(alice)
    community.objects["gone_calendar_feed"] = event_services.calendar_feed(users["gone"])
