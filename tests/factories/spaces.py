"""Spaces: spaces and their members, threads, replies, chat messages, private conversations."""

import factory
from django.utils import timezone
from django.utils.text import slugify

from common.markdown import render_markdown
from spaces.models import (
    ChatMessage,
    Conversation,
    DirectMessage,
    Membership,
    Participant,
    Reply,
    Space,
    Thread,
)
from tests.factories.members import UserFactory


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Espace {n}")
    slug = factory.LazyAttribute(lambda space: slugify(space.name))
    visibility = "open"

    @factory.post_generation
    def interests(self, create, extracted, **kwargs):
        if create and extracted:
            self.interests.set(extracted)


class SpaceMembershipFactory(factory.django.DjangoModelFactory):
    """An active member of a space (role="owner" or "moderator" for the others)."""

    class Meta:
        model = Membership

    space = factory.SubFactory(SpaceFactory)
    user = factory.SubFactory(UserFactory)
    joined_at = factory.LazyFunction(timezone.now)


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    space = factory.SubFactory(SpaceFactory)
    author = factory.SubFactory(UserFactory)
    title = "Des idées de financement ?"
    body = "Bonjour **tous**"
    body_html = factory.LazyAttribute(lambda thread: render_markdown(thread.body))


class ReplyFactory(factory.django.DjangoModelFactory):
    """A reply; the thread's reply count follows, as the posting service keeps it."""

    class Meta:
        model = Reply

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = "Voici une piste."
    body_html = factory.LazyAttribute(lambda reply: render_markdown(reply.body))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        reply = super()._create(model_class, *args, **kwargs)
        Thread.objects.filter(pk=reply.thread_id).update(reply_count=reply.thread.replies.count())
        return reply


class ChatMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChatMessage

    space = factory.SubFactory(SpaceFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Message {n}")


class ConversationFactory(factory.django.DjangoModelFactory):
    """ConversationFactory(people=[alice, bob]): a private conversation between them."""

    class Meta:
        model = Conversation
        skip_postgeneration_save = True

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create:
            for user in extracted or ():
                Participant.objects.create(conversation=self, user=user)


class DirectMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectMessage

    conversation = factory.SubFactory(ConversationFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Message privé {n}")


def make_space(name, *, owner, moderator=None, members=(), visibility="open", interests=()):
    """A space named `name` with its owner, its moderator and its members (all active)."""
    space = SpaceFactory(name=name, visibility=visibility, interests=list(interests))
    SpaceMembershipFactory(space=space, user=owner, role="owner")
    if moderator:
        SpaceMembershipFactory(space=space, user=moderator, role="moderator")
    for member in members:
        SpaceMembershipFactory(space=space, user=member)
    return space


def make_thread(
    space, author, title="Des idées de financement ?", body="Bonjour **tous**", **extra
):
    return ThreadFactory(space=space, author=author, title=title, body=body, **extra)


def make_reply(thread, author, body="Voici une piste."):
    return ReplyFactory(thread=thread, author=author, body=body)


def space_form_data(**overrides):
    """What staff post from the space form (overrides apply)."""
    data = {
        "name": "Cuisines collectives",
        "description": "Partager nos recettes et nos bons coups.",
        "visibility": "open",
        "language": "fr",
        "interests": "Sécurité alimentaire, Agriculture urbaine",
    }
    data.update(overrides)
    return data
