from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        # Connected once the app registry is ready (the receivers import models).
        from members import signals  # noqa: F401
