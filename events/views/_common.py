from django.http import Http404

from events import permissions
from events.models import Event, Registration
from events.queries import event_for_page


def viewable_event(request, slug, *, prefetch=(), with_space=False):
    """The event of the page, after the viewer's permission is checked. `prefetch`: the
    relations the page reads; `with_space`: the page names the event's space."""
    try:
        event = event_for_page(Event.objects.all(), slug, prefetch=prefetch, with_space=with_space)
    except Event.DoesNotExist:
        raise Http404 from None
    permissions.check_view_permission(request.user, event)
    return event


def my_registration(user, event):
    """The viewer's registration that is not cancelled, or None. One per member and event
    (a constraint): read unordered, without first()'s ordering."""
    if not user.is_authenticated:
        return None
    rows = list(
        Registration.objects.filter(event_id=event.pk, user_id=user.pk)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by()
    )
    return rows[0] if rows else None
