"""The main pages of issue 11, for one member, with the heaviest real objects they can see.

`main_pages(member)` gives (name, path) in French (the default language): the pages a member
uses most, each on the member's biggest space, busiest thread, fullest event, so that
pages are measured where they cost the most.
"""

from django.db.models import Count
from django.urls import reverse

from events.models import Event, Registration
from spaces.models import Membership, Reply, Space, Thread
from spaces.models.direct import Conversation


def main_pages(member):
    space = (
        Space.objects.filter(memberships__user=member, memberships__state=Membership.State.ACTIVE)
        .annotate(size=Count("threads"))
        .order_by("-size", "pk")
        .first()
    )
    thread = (
        Thread.objects.filter(space=space).annotate(size=Count("replies")).order_by("-size").first()
    )
    other = Reply.objects.filter(thread=thread).exclude(author=member).values("author").first() or {
        "author": member.pk
    }
    registered = Event.objects.filter(
        registrations__user=member, registrations__status=Registration.Status.CONFIRMED
    )
    event = registered.annotate(size=Count("registrations")).order_by("-size", "pk").first()
    tables = (
        registered.annotate(size=Count("workshop_tables")).filter(size__gt=0).order_by("-size")
    ).first()
    live = (
        registered.annotate(size=Count("live_questions")).filter(size__gt=0).order_by("-size")
    ).first()
    meeting = registered.filter(meetings_enabled=True).order_by("-starts_at").first()
    conversation = (
        Conversation.objects.filter(participants__user=member).order_by("-last_message_at").first()
    )
    pages = [
        ("home", reverse("home")),
        ("directory", reverse("members:directory")),
        ("profile", reverse("members:profile", args=[other["author"]])),
        ("space", reverse("spaces:detail", args=[space.slug])),
        ("thread", reverse("spaces:thread", args=[space.slug, thread.pk])),
        ("chat room", reverse("spaces:chat", args=[space.slug])),
        ("knowledge", reverse("spaces:knowledge", args=[space.slug])),
        ("conversations", reverse("direct:inbox")),
        ("conversation", reverse("direct:conversation", args=[conversation.pk])),
        ("notifications", reverse("notifications")),
        ("events list", reverse("events:list")),
        ("event page", reverse("events:detail", args=[event.slug])),
        ("people to meet", reverse("events:people", args=[meeting.slug])),
        ("workshop tables", reverse("events:tables", args=[tables.slug])),
        ("live page", reverse("events:live", args=[live.slug])),
    ]
    return pages
