"""The activity log. Every app records what happened through one call:

analytics.record(actor, "thread.created", thread, context=space)
"""


def record(actor, verb, target, *, context=None, data=None):
    # Imported when called: this package is imported before the app registry is ready,
    # and its services import models.
    from analytics.services import record_activity

    return record_activity(actor=actor, verb=verb, target=target, context=context, data=data)
