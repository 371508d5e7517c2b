from django.db.models import F, FilteredRelation, Q
from django.http import Http404

from common.prepared import ID, SHAPE, TEXT, VIEWER, Prepared
from events import permissions
from events.models import Event, Registration
from events.queries import event_for_page


def viewable_event(request, slug, *, prefetch=(), with_space=False):
    """The event of the page, after the viewer's permission is checked. `prefetch`: the
    relations the page reads; `with_space`: the page names the event's space."""
    found = _EVENT(slug=slug, prefetch=tuple(prefetch), with_space=with_space)
    if not found:
        raise Http404
    [event] = found  # slugs are unique
    permissions.check_view_permission(request.user, event)
    return event


def viewable_event_and_registration(request, slug, *, with_space=False):
    """viewable_event and my_registration, in one query where they took two: the viewer's
    registration is read with the event, its columns through a join on it, for the pages
    that read both (the event's own page, its live page)."""
    if not request.user.is_authenticated:
        return viewable_event(request, slug, with_space=with_space), None
    found = _EVENT_AND_MINE(slug=slug, viewer=request.user, with_space=with_space)
    if not found:
        raise Http404
    [event] = found  # slugs are unique
    permissions.check_view_permission(request.user, event)
    values = [getattr(event, f"mine_{column}") for column in _REGISTRATION_COLUMNS]
    if values[0] is None:  # no registration (or a cancelled one): the join found no row
        return event, None
    registration = Registration.from_db(event._state.db, _REGISTRATION_COLUMNS, values)
    registration.event = event
    return event, registration


def my_registration(user, event):
    """The viewer's registration that is not cancelled, or None. One per member and event
    (a constraint): read unordered, without first()'s ordering."""
    if not user.is_authenticated:
        return None
    rows = _MY_REGISTRATION(event=event.pk, user=user.pk)
    if not rows:
        return None
    rows[0].event = event
    return rows[0]


# The reads every event page starts with, compiled once (common.prepared).
_EVENT = Prepared(
    lambda slug, prefetch, with_space: event_for_page(
        Event.objects.filter(slug=slug), prefetch=prefetch, with_space=with_space
    ),
    slug=TEXT,
    prefetch=SHAPE,
    with_space=SHAPE,
)
# Every column of a registration, its key first.
_REGISTRATION_COLUMNS = [field.attname for field in Registration._meta.concrete_fields]


def _event_and_mine(slug, viewer, with_space):
    """The event of the slug, and as mine_<column> the columns of the viewer's registration
    there that is not cancelled (one per member and event, a constraint: the join adds no
    row), None where they have none."""
    mine = FilteredRelation(
        "registrations",
        condition=Q(registrations__user=viewer)
        & ~Q(registrations__status=Registration.Status.CANCELLED),
    )
    return event_for_page(
        Event.objects.filter(slug=slug)
        .annotate(mine=mine)
        .annotate(**{f"mine_{column}": F(f"mine__{column}") for column in _REGISTRATION_COLUMNS}),
        with_space=with_space,
    )


_EVENT_AND_MINE = Prepared(_event_and_mine, slug=TEXT, viewer=VIEWER, with_space=SHAPE)
_MY_REGISTRATION = Prepared(
    lambda event, user: (
        Registration.objects.filter(event_id=event, user_id=user)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by()
    ),
    event=ID,
    user=ID,
)
