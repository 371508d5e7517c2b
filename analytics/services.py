from django.contrib.contenttypes.models import ContentType

from analytics.models import Activity
from analytics.signals import activity_recorded


def record_activity(*, actor, verb, target, context=None, data=None):
    """Append one activity. Call it inside the transaction that made the change,
    so the log and the data never disagree."""
    activity = Activity.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        context_type=ContentType.objects.get_for_model(context) if context is not None else None,
        context_id=context.pk if context is not None else None,
        data=data or {},
    )
    activity_recorded.send(sender=Activity, activity=activity)
    return activity
