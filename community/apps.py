from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from analytics.signals import activity_recorded
        from community.notifications import notify_from_activity

        def on_activity(sender, activity, **kwargs):
            notify_from_activity(activity)

        activity_recorded.connect(on_activity, dispatch_uid="community.notify", weak=False)
