"""Community and analytics: notifications and activity rows."""

import factory
from django.contrib.contenttypes.models import ContentType

from analytics.models import Activity
from community.models import Notification
from tests.factories.members import UserFactory


class ActivityFactory(factory.django.DjangoModelFactory):
    """ActivityFactory(actor=alice, verb="thread.created", target=thread, context=space):
    a row of the activity log, written as is (no notification follows; analytics.record
    does that)."""

    class Meta:
        model = Activity

    actor = factory.SubFactory(UserFactory)
    verb = "profile.updated"
    target = factory.LazyAttribute(lambda activity: activity.actor)


class NotificationFactory(factory.django.DjangoModelFactory):
    """An unread notification; NotificationFactory(target=thread) ties it to what it is about."""

    class Meta:
        model = Notification
        exclude = ["target"]

    recipient = factory.SubFactory(UserFactory)
    actor = factory.SubFactory(UserFactory)
    verb = "thread.replied"
    title = factory.Sequence(lambda n: f"Notification {n}")
    url = "/"
    target = None
    target_type = factory.LazyAttribute(
        lambda notification: (
            notification.target and ContentType.objects.get_for_model(notification.target)
        )
    )
    target_id = factory.LazyAttribute(
        lambda notification: notification.target and notification.target.pk
    )
