"""Spaces' cast: alice owns the spaces, carol moderates them, bob is a member, dan is outside."""

import pytest
from django.utils import timezone
from django.utils.text import slugify

from common.markdown import render_markdown
from spaces.models import Membership, Reply, Space, Thread


def make_space(name, *, owner, moderator=None, members=(), visibility="open", interests=()):
    space = Space.objects.create(name=name, slug=slugify(name), visibility=visibility)
    if interests:
        space.interests.set(interests)
    now = timezone.now()
    Membership.objects.create(space=space, user=owner, role="owner", joined_at=now)
    if moderator:
        Membership.objects.create(space=space, user=moderator, role="moderator", joined_at=now)
    for member in members:
        Membership.objects.create(space=space, user=member, joined_at=now)
    return space


def make_thread(
    space, author, title="Des idées de financement ?", body="Bonjour **tous**", **extra
):
    return Thread.objects.create(
        space=space, author=author, title=title, body=body, body_html=render_markdown(body), **extra
    )


def make_reply(thread, author, body="Voici une piste."):
    reply = Reply.objects.create(
        thread=thread, author=author, body=body, body_html=render_markdown(body)
    )
    Thread.objects.filter(pk=thread.pk).update(reply_count=thread.replies.count())
    return reply


@pytest.fixture
def spaces(alice, bob, carol):
    """One space of each visibility, with the same people in each."""
    return {
        visibility: make_space(
            f"Espace {visibility}",
            owner=alice,
            moderator=carol,
            members=[bob],
            visibility=visibility,
            interests=["Sécurité alimentaire"],
        )
        for visibility in ("open", "private", "secret")
    }
