"""The main pages of issue 11, for one member, on the heaviest real objects they can see.

`main_pages(member)` gives (name, path) in French (the default language), on the demo
community or on the large data set (bench/_large.py): the member's biggest space, the
thread with the most replies in their spaces, their busiest chat room, an event of theirs
with workshop tables and live questions (upcoming where there is one), their longest
conversation, another member's profile from their biggest space.
"""

from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.urls import reverse

from events.models import Event, Registration
from members.models import Profile
from spaces.models import ChatMessage, Membership, Space, Thread
from spaces.models.direct import Conversation


def load_demo():
    """The demo community, with the statistics a live database has (autovacuum gathers
    them): one just loaded has none yet, and PostgreSQL would plan its pages on guesses."""
    call_command("seed_demo", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _event(member, *relations, **filters):
    """The member's event with the given relations and fields: the next upcoming one, else
    the latest."""
    events = Event.objects.filter(
        registrations__user=member, registrations__status=Registration.Status.CONFIRMED, **filters
    )
    for relation in relations:
        events = events.filter(**{f"{relation}__isnull": False})
    events = events.distinct()
    upcoming = events.filter(pk__in=Event.objects.upcoming().values("pk"))
    return upcoming.order_by("starts_at").first() or events.order_by("-starts_at").first()


def main_pages(member):
    mine = Space.objects.filter(
        memberships__user=member, memberships__state=Membership.State.ACTIVE
    )
    space = mine.annotate(size=Count("memberships")).order_by("-size", "pk").first()
    thread = (
        Thread.objects.filter(space__in=mine, is_hidden=False, deleted_at__isnull=True)
        .order_by("-reply_count", "pk")
        .first()
    )
    busiest = (
        ChatMessage.objects.filter(space__in=mine)
        .values("space")
        .annotate(count=Count("pk"))
        .order_by("-count")
        .first()
    )
    chat_space = Space.objects.get(pk=busiest["space"]) if busiest else space
    both = _event(member, "workshop_tables", "live_questions")
    tables = both or _event(member, "workshop_tables")
    live = both or _event(member, "live_questions")
    meetings = both if both and both.meetings_enabled else _event(member, meetings_enabled=True)
    event = both or _event(member)
    conversation = (
        Conversation.objects.filter(participants__user=member)
        .annotate(count=Count("messages"))
        .order_by("-count", "pk")
        .first()
    )
    profile = (
        Profile.objects.filter(
            user__space_memberships__space=space,
            user__is_active=True,
            visibility=Profile.Visibility.MEMBERS,
        )
        .exclude(user=member)
        .order_by("pk")
        .first()
    )
    return [
        ("home", reverse("home")),
        ("directory", reverse("members:directory")),
        ("profile", reverse("members:profile", args=[profile.pk])),
        ("space", reverse("spaces:detail", args=[space.slug])),
        ("thread", reverse("spaces:thread", args=[thread.space.slug, thread.pk])),
        ("chat room", reverse("spaces:chat", args=[chat_space.slug])),
        ("knowledge", reverse("spaces:knowledge", args=[space.slug])),
        ("conversations", reverse("direct:inbox")),
        ("conversation", reverse("direct:conversation", args=[conversation.pk])),
        ("notifications", reverse("notifications")),
        ("events list", reverse("events:list")),
        ("event page", reverse("events:detail", args=[event.slug])),
        ("people to meet", reverse("events:people", args=[meetings.slug])),
        ("workshop tables", reverse("events:tables", args=[tables.slug])),
        ("live page", reverse("events:live", args=[live.slug])),
    ]
