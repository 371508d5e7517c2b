from django.http import Http404

from common.prepared import ID, SHAPE, TEXT, Prepared
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
_MY_REGISTRATION = Prepared(
    lambda event, user: (
        Registration.objects.filter(event_id=event, user_id=user)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by()
    ),
    event=ID,
    user=ID,
)
