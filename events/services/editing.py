"""Staff create and change events, from the site's staff form or from the admin, through
one service: the event, its interests, audience tiers and registration questions in one
transaction, with what a change implies (members told, reminders re-armed, seats freed
given to the waiting list, open live pages re-checked)."""

from django.db import transaction
from django.utils.text import slugify

import analytics
from common import images
from common.files import delete_files
from common.live import access_changed
from events import notifications
from events.models import Event, Registration, SentReminder
from events.services.live import live_group
from events.services.registration import promote_waitlist

# What attendees plan around: a change of these tells the registered members.
LOGISTICS = ["starts_at", "ends_at", "time_zone", "format", "venue", "address", "online_url"]
# Reminders that belong to a date: sent again at the new date when the event moves.
DATED_REMINDERS = [
    SentReminder.Kind.DAY_BEFORE,
    SentReminder.Kind.HOUR_BEFORE,
    SentReminder.Kind.FOLLOW_UP,
]

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
        before = None if is_new else logistics_of(event)
        store_cover(event)
        if is_new:
            event.slug = event.slug or unique_slug(event.title)
            event.created_by = event.created_by or by
        event.save()
        event.interests.set(interests)
        event.tiers.set(tiers if event.audience == Event.Audience.TIERS else [])
        for question in removed_questions:
            question.delete()
        for question in questions:
            question.event = event
            question.save()
        record_change(event, by=by, before=before)
    return [] if is_new else promote_waitlist(event=event)


def store_cover(event):
    """Before an event is saved (here or in the admin): a new cover upload becomes a WebP
    within 1600×900, without metadata, under a random name; the file it replaces, or a
    removed cover, is deleted once the change is committed, unless another event (a date
    of the same series) still shows it."""
    if event.cover and not event.cover._committed:  # an upload, not the stored file
        event.cover = images.render_cover(event.cover.file)
    if event.pk is None:
        return
    old = Event.objects.filter(pk=event.pk).values_list("cover", flat=True).first()
    if old and old != event.cover.name:
        transaction.on_commit(lambda: _delete_unused_cover(old))


def _delete_unused_cover(name):
    if not Event.objects.filter(cover=name).exists():
        delete_files(Event._meta.get_field("cover").storage, [name])


def logistics_of(event):
    """The event's date, place and link as stored, before a change."""
    return Event.objects.filter(pk=event.pk).values(*LOGISTICS).get()


def record_change(event, *, by, before):
    """After an event is saved (here or in the admin): the activity log; registered and
    waiting members hear of a new date, place or link (not of a new description); a new
    date re-arms the reminders and the follow-up. Every open live page of the event
    re-checks once who may still follow it (its audience, tiers or publication may have
    changed: cheaper to ask each socket than to compare the tiers before and after)."""
    if before is None:
        analytics.record(by, "event.created", event, context=event, data={"changed": []})
        return
    changed = [f for f in LOGISTICS if before[f] != getattr(event, f)]
    analytics.record(
        by, notifications.CHANGED, event, context=event, data=_change_notice(event, changed)
    )
    access_changed(scope="event", pk=event.pk, groups=[live_group(event.pk)])
    if {"starts_at", "ends_at"} & set(changed):
        SentReminder.objects.filter(registration__event=event, kind__in=DATED_REMINDERS).delete()


def _change_notice(event, changed):
    if not changed:
        return {"changed": []}
    registrants = Registration.objects.filter(event=event).exclude(
        status=Registration.Status.CANCELLED
    )
    return {
        "changed": changed,
        "notify": list(registrants.values_list("user_id", flat=True)),
        "title": event.title,
    }
