from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        # Imported once the app registry is ready: these modules import models.
        from analytics.signals import activity_recorded
        from community.services import notify_from_activity

        def on_activity(sender, activity, **kwargs):
            notify_from_activity(activity)

        activity_recorded.connect(on_activity, dispatch_uid="community.notify", weak=False)
