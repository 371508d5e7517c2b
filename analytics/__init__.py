"""The activity log. Every app records what happened through one call:

analytics.record(actor, "thread.created", thread, context=space)

A verb that notifies someone (`notify` in its data) is a declared kind, passed as itself
(common.notifications):

analytics.record(actor, REPLY_CREATED, reply, context=space, data={"notify": [...], ...})
"""


def record(actor, verb, target, *, context=None, data=None):
    # Imported when called: this package is imported before the app registry is ready,
    # and its services import models.
    from analytics.services import record_activity

    return record_activity(actor=actor, verb=verb, target=target, context=context, data=data)
