"""Staff create and change events from the site's staff pages (the admin has its own form):
the event, its interests, audience tiers and registration questions in one transaction."""

from django.db import transaction
from django.utils.text import slugify

import analytics
from events.models import Event
from events.services.registration import promote_waitlist

# Addresses under /events/ that are pages, not events.
RESERVED_SLUGS = {"new", "calendar"}


def unique_slug(title):
    """The event's address from its title: "assemblee-generale", then "-2", "-3"..."""
    base = slugify(title)[:200].strip("-") or "evenement"
    taken = (
        set(Event.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        | RESERVED_SLUGS
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def save_event(*, event, by, interests, tiers, questions=(), removed_questions=()):
    """Create (event.pk is None) or change an event. `questions`: Question instances new or
    changed, `removed_questions`: those to delete. Returns the registrations moved from the
    waiting list to a seat (a change may free seats: more capacity, or no limit)."""
    is_new = event.pk is None
    with transaction.atomic():
        if is_new:
            event.slug = unique_slug(event.title)
            event.created_by = by
        event.save()
        event.interests.set(interests)
        event.tiers.set(tiers if event.audience == Event.Audience.TIERS else [])
        for question in removed_questions:
            question.delete()
        for question in questions:
            question.event = event
            question.save()
        analytics.record(by, "event.created" if is_new else "event.changed", event, context=event)
    return [] if is_new else promote_waitlist(event=event)
