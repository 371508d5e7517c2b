"""The activity log. Every app records what happened through one call:

analytics.record(actor, "thread.created", thread, context=space)
"""


def record(actor, verb, target, *, context=None, data=None):
    from analytics.services import record_activity

    return record_activity(actor=actor, verb=verb, target=target, context=context, data=data)
