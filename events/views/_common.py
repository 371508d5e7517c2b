from django.http import Http404

from events import permissions
from events.models import Event, Registration
from events.queries import event_for_page


def viewable_event(request, slug, *, prefetch=()):
    """The event of the page, after the viewer's permission is checked. `prefetch`: the
    relations the page reads."""
    try:
        event = event_for_page(Event.objects.all(), slug, prefetch=prefetch)
    except Event.DoesNotExist:
        raise Http404 from None
    permissions.check_view_permission(request.user, event)
    return event


def my_registration(user, event):
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
