"""Recurring events: a series is a set of events, each a date of its own with its own
registrations, made by repeating one event."""

import calendar
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy as _

import analytics
from events.models import Event, Series
from events.services.refusal import Refused

MAX_OCCURRENCES = 52


class SeriesRefused(Refused):
    """Dates that cannot be added to a series."""


def local_starts(event, frequency, count):
    """The next `count` local start times after the event's, at the same wall-clock time in
    the event's zone (a weekly 19:00 stays 19:00 across daylight saving)."""
    first = event.starts_at.astimezone(event.zone).replace(tzinfo=None)
    starts = []
    for number in range(1, count + 1):
        if frequency == Series.Frequency.WEEKLY:
            starts.append(first + timedelta(weeks=number))
        elif frequency == Series.Frequency.BIWEEKLY:
            starts.append(first + timedelta(weeks=2 * number))
        else:
            starts.append(_same_weekday_months_later(first, number))
    return [start.replace(tzinfo=event.zone) for start in starts]


def _same_weekday_months_later(first, months):
    """The same weekday of the same week of the month (2nd Tuesday → 2nd Tuesday); a 5th
    weekday that a month lacks becomes that month's last one."""
    week = (first.day - 1) // 7
    month_index = first.month - 1 + months
    year, month = first.year + month_index // 12, month_index % 12 + 1
    days = [
        day
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if calendar.weekday(year, month, day) == first.weekday()
    ]
    day = days[min(week, len(days) - 1)]
    return datetime.combine(datetime(year, month, day).date(), first.time())


def repeat_event(*, event, frequency, count, by):
    """Make `count` more dates of the event, each an event of its own with the same
    description, place, audience, interests, tiers and registration questions; the
    registration window moves with each date. The event and its copies share a series.
    Returns the new events. Raises SeriesRefused."""
    if frequency not in Series.Frequency.values:
        raise SeriesRefused(_("Choose how often the event repeats."))
    if not 1 <= count <= MAX_OCCURRENCES:
        raise SeriesRefused(_("Repeat between 1 and %(max)s times.") % {"max": MAX_OCCURRENCES})
    duration = event.ends_at - event.starts_at
    interests = list(event.interests.all())
    tiers = list(event.tiers.all())
    questions = list(event.questions.all())
    created = []
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        series = event.series
        if series is None:
            series = Series.objects.create(title=event.title, frequency=frequency)
            event.series = series
            event.save(update_fields=["series"])
        taken = set(
            Event.objects.filter(slug__startswith=event.slug).values_list("slug", flat=True)
        )
        for local_start in local_starts(event, frequency, count):
            starts_at = local_start.astimezone(event.starts_at.tzinfo)
            shift = starts_at - event.starts_at
            copy = Event(
                **{field: getattr(event, field) for field in _COPIED_FIELDS},
                slug=_free_slug(event.slug, local_start, taken),
                starts_at=starts_at,
                ends_at=starts_at + duration,
                registration_opens_at=_shifted(event.registration_opens_at, shift),
                registration_closes_at=_shifted(event.registration_closes_at, shift),
                series=series,
                created_by=by,
            )
            copy.save()
            copy.interests.set(interests)
            copy.tiers.set(tiers)
            for question in questions:
                question.pk = None
                question.event = copy
                question.save()
            created.append(copy)
        analytics.record(by, "event.repeated", event, data={"count": len(created)})
    return created


_COPIED_FIELDS = [
    "title",
    "description",
    "language",
    "format",
    "venue",
    "address",
    "online_url",
    "time_zone",
    "cover",
    "capacity",
    "max_guests",
    "audience",
    "space_id",
    "meetings_enabled",
    "meeting_minutes",
    "is_published",
]


def _shifted(moment, shift):
    return moment + shift if moment else None


def _free_slug(base, local_start, taken):
    stem = f"{base[:200]}-{local_start:%Y-%m-%d}"
    slug, number = stem, 2
    while slug in taken:
        slug, number = f"{stem}-{number}", number + 1
    taken.add(slug)
    return slug
