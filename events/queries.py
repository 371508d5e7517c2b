"""Reads the events pages share: lists with their counts in one query, attendees."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from events.models import LiveQuestion, Poll, Registration, WorkshopTable
from members.models import Interest
from members.permissions import listed


def with_counts(events, user=None):
    """Events with seats_taken, waitlist_count and (for a member) my_status, in one query.
    Subqueries, not joins: other filters (interests) would multiply joined rows."""
    of_event = Registration.objects.filter(event=OuterRef("pk"))
    seats = (
        of_event.filter(status=Registration.Status.CONFIRMED)
        .values("event")
        .annotate(seats=Sum("guests") + Count("pk"))
        .values("seats")
    )
    events = events.annotate(
        seats_taken=Coalesce(Subquery(seats, output_field=IntegerField()), Value(0)),
        waitlist_count=_count(of_event.filter(status=Registration.Status.WAITLISTED)),
    ).prefetch_related("interests")
    if user is not None and user.is_authenticated:
        mine = of_event.filter(user=user).exclude(status=Registration.Status.CANCELLED)
        events = events.annotate(my_status=Subquery(mine.values("status")[:1]))
    return events


def _count(queryset, field="event"):
    counted = queryset.values(field).annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_records(events):
    """Past events with what they left (attended, tables with notes, answered questions,
    closed polls), in the same query as the list: subqueries."""
    return events.annotate(
        attended=_count(
            Registration.objects.filter(
                event=OuterRef("pk"),
                status=Registration.Status.CONFIRMED,
                checked_in_at__isnull=False,
            )
        ),
        table_count=_count(WorkshopTable.objects.filter(event=OuterRef("pk")).exclude(notes="")),
        answered_count=_count(
            LiveQuestion.objects.filter(event=OuterRef("pk"), status=LiveQuestion.Status.ANSWERED)
        ),
        poll_count=_count(Poll.objects.filter(event=OuterRef("pk"), status=Poll.Status.CLOSED)),
    )


def filtered(events, data):
    """Apply a valid EventFilterForm's cleaned data."""
    if data.get("interest"):
        events = events.filter(interests=data["interest"])
    if data.get("format"):
        events = events.filter(format=data["format"])
    if data.get("start"):
        events = events.filter(ends_at__date__gte=data["start"])
    if data.get("end"):
        events = events.filter(starts_at__date__lte=data["end"])
    return events


def recommended(events, user, *, limit=3):
    """Upcoming events sharing the most interests with the member, not already joined."""
    if not user.is_authenticated:
        return events.none()
    interests = Interest.objects.filter(tagged_profiles__content_object__user=user)
    joined = Registration.objects.active().filter(user=user).values("event_id")
    return (
        with_counts(
            events.filter(interests__in=interests)
            .exclude(pk__in=joined)
            .annotate(shared=Count("interests", filter=Q(interests__in=interests), distinct=True))
        )
        .order_by("-shared", "starts_at")
        .distinct()[:limit]
    )


def listed_attendees(event, viewer, *, limit=24):
    """Confirmed attendees who let others see them, and whose profile the viewer may see."""
    registrations = (
        event.registrations.confirmed()
        .filter(listed(viewer, profile="user__profile__"), is_listed=True)
        .select_related("user__profile")
        .order_by("created_at")
    )
    return registrations[:limit], registrations.count()


def event_for_page(queryset, slug):
    return (
        queryset.select_related("space").prefetch_related("interests", "questions").get(slug=slug)
    )
