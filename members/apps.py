from allauth.mfa import apps as mfa
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        # Connected once the app registry is ready (the receivers import models).
        from members import signals  # noqa: F401


class TwoFactorConfig(mfa.MFAConfig):
    """allauth's two-factor app, named in words in both languages: allauth calls it "MFA"
    and leaves its Authenticator model unnamed, so the admin said « MFA » and
    « Authenticators » in French."""

    default = False  # named in INSTALLED_APPS; MembersConfig stays the members app's
    verbose_name = _("Two-factor authentication")

    def ready(self):
        super().ready()
        # The names only, set on _meta rather than in a Meta: migrations read the model's
        # declared Meta, so allauth's migrations stay as they are.
        authenticator = self.get_model("Authenticator")
        authenticator._meta.verbose_name = _("authenticator")
        authenticator._meta.verbose_name_plural = _("authenticators")
