"""The demo spaces in French and English (demo/data/spaces.toml), with discussions,
answered questions, reactions and chat.

``seed_demo_spaces()`` is idempotent: a space is keyed on its address, and its members
and discussions are added only when the space is new.

The discussions are written as plain rows, not through spaces.services: they happened
over the past weeks (their dates are set in the past), by many members at once, and the
services would notify and record each post as happening now.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from common.markdown import render_markdown
from demo.data import load
from demo.members import MEMBER_EMAIL, STAFF_EMAIL
from members.models import Profile, User
from spaces.models import (
    ChatMessage,
    Membership,
    Reaction,
    Reply,
    Space,
    Thread,
    ThreadVisit,
)

SEED = 2027

SPACES = load("spaces")["spaces"]
CHAT = load("spaces")["chat"]
REACTIONS = [emoji for emoji, _label in Reaction.Emoji.choices]


def seed_demo_spaces(*, log=print):
    """Create the demo spaces. Idempotent: spaces that exist are left as they are."""
    rng = random.Random(SEED)
    existing = set(Space.objects.values_list("slug", flat=True))
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    demo_member = User.objects.filter(email=MEMBER_EMAIL).first()
    if staff is None:
        log("Demo spaces skipped: seed the demo members first.")
        return 0
    added = 0
    with transaction.atomic():
        for definition in SPACES:
            if definition["slug"] in existing:
                continue
            _create_space(definition, rng=rng, staff=staff, demo_member=demo_member)
            added += 1
    log(f"Demo spaces: {added} added, {len(SPACES) - added} already there.")
    return added


def _create_space(definition, *, rng, staff, demo_member):
    now = timezone.now()
    space = Space.objects.create(
        slug=definition["slug"],
        name=definition["name"],
        language=definition["language"],
        visibility=definition["visibility"],
        description=definition["description"],
        created_by=staff,
        last_activity_at=now,
    )
    space.interests.set(definition["interests"])
    people = _people_for(definition, rng=rng, exclude={staff.pk})
    Membership.objects.create(space=space, user=staff, role="owner", joined_at=now)
    memberships = [
        Membership(
            space=space,
            user=user,
            role="moderator" if index == 0 else "member",
            joined_at=now - timedelta(days=rng.randint(5, 300)),
        )
        for index, user in enumerate(people)
    ]
    if (
        demo_member
        and demo_member not in people
        and definition["visibility"] == "open"
        and set(definition["interests"]) & set(demo_member.profile.interests.names())
    ):
        memberships.append(Membership(space=space, user=demo_member, joined_at=now))
    Membership.objects.bulk_create(memberships)
    writers = people or [staff]
    age = timedelta(days=len(definition["threads"]) * 4)
    for thread_definition in definition["threads"]:
        _create_thread(space, thread_definition, writers=writers, rng=rng, start=now - age)
        age -= timedelta(days=rng.randint(1, 4))
    _create_chat(space, definition["language"], writers=writers, rng=rng, now=now)
    return space


def _create_chat(space, language, *, writers, rng, now):
    messages = ChatMessage.objects.bulk_create(
        [ChatMessage(space=space, author=rng.choice(writers), body=body) for body in CHAT[language]]
    )
    moment = now - timedelta(hours=len(messages) * 3)
    for message in messages:
        moment += timedelta(minutes=rng.randint(5, 170))
        ChatMessage.objects.filter(pk=message.pk).update(created_at=moment)


def _people_for(definition, *, rng, exclude):
    """Members who share the space's interests, English speakers first for English spaces."""
    profiles = (
        Profile.objects.filter(interests__name__in=definition["interests"])
        .exclude(user_id__in=exclude)
        .exclude(visibility=Profile.Visibility.HIDDEN)
        .distinct()
        .select_related("user")
        .order_by("pk")
    )
    users = [
        profile.user
        for profile in profiles
        if definition["language"] == "fr" or "en" in profile.languages
    ]
    rng.shuffle(users)
    size = {"open": 40, "private": 15, "secret": 6}[definition["visibility"]]
    return users[:size]


def _create_thread(space, definition, *, writers, rng, start):
    author = rng.choice(writers)
    thread = Thread.objects.create(
        space=space,
        author=author,
        title=definition["title"],
        kind=definition["kind"],
        body=definition["body"],
        body_html=render_markdown(definition["body"]),
    )
    moment = start
    replies, moments = [], []
    for body in definition["replies"]:
        moment += timedelta(hours=rng.randint(2, 30))
        moments.append(moment)
        replies.append(
            Reply(
                thread=thread,
                author=rng.choice([w for w in writers if w != author] or writers),
                body=body,
                body_html=render_markdown(body),
            )
        )
    replies = Reply.objects.bulk_create(replies)
    for reply, written_at in zip(replies, moments, strict=True):
        Reply.objects.filter(pk=reply.pk).update(created_at=written_at)
    Reaction.objects.bulk_create(
        [
            Reaction(user=user, reply=reply, emoji=rng.choice(REACTIONS))
            for reply in replies
            for user in rng.sample(writers, min(len(writers), rng.randint(0, 4)))
        ],
        ignore_conflicts=True,
    )
    accepted = definition.get("accepted")
    Thread.objects.filter(pk=thread.pk).update(
        created_at=start,
        last_activity_at=moment,
        reply_count=len(replies),
        accepted_reply=replies[accepted] if accepted is not None else None,
        answered_at=moment if accepted is not None else None,
    )
    ThreadVisit.objects.create(user=author, thread=thread, seen_at=moment)
    return thread
