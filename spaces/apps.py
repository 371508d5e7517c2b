from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "spaces"
    verbose_name = _("Spaces")

    def ready(self):
        # Imported once the app registry is ready: these modules import models.
        from members.signals import person_visibility_changed
        from spaces import (
            notifications,  # noqa: F401 (registers its kinds)
            services,
            signals,  # noqa: F401 (keeps spaces.queries' cache in step)
        )

        def follow(sender, profile, **kwargs):
            services.refresh_mentions_of(profile.user)

        person_visibility_changed.connect(
            follow, dispatch_uid="spaces.refresh_mentions", weak=False
        )
