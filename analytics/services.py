from django.contrib.contenttypes.models import ContentType

from analytics.models import Activity
from analytics.signals import activity_recorded
from common import notifications


def record_activity(*, actor, verb, target, context=None, data=None):
    """Append one activity. Call it inside the transaction that made the change,
    so the log and the data never disagree.

    `verb` is a string, or a NotificationKind (common.notifications). An activity whose
    data asks to notify someone (`notify`) must be of a declared kind: an undeclared
    verb raises ImproperlyConfigured naming it, and nothing is recorded. The page the
    notification opens is the kind's link, kept in the activity's data as `url`."""
    data = data or {}
    if "notify" in data:
        kind = notifications.get(verb)
        verb = kind.name
        data = {**data, "url": kind.link(target, context)}
    activity = Activity.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=str(verb),
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        context_type=ContentType.objects.get_for_model(context) if context is not None else None,
        context_id=context.pk if context is not None else None,
        data=data,
    )
    activity_recorded.send(sender=Activity, activity=activity)
    return activity
