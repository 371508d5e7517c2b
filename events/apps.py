from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Imported once the app registry is ready: these modules import models.
        from events import notifications, signals  # noqa: F401 (kinds, receivers)
        from events.views.meetings import people_met_section
        from members import profile_sections

        profile_sections.register(people_met_section)
