import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.utils import translation

from members.models import Profile


class AccountAdapter(DefaultAccountAdapter):
    """Accounts through allauth, with emails in the member's own language."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            Profile.objects.filter(user=user).update(language=_request_language(request))
        return user

    def is_reauthentication_required(self, *, app, **kwargs):
        """Setting up a first authenticator right after signing in (which staff must do)
        does not ask for the password typed seconds ago; every later two-factor change
        (another device, recovery codes, turning it off) still does."""
        if app == "allauth.mfa" and self._first_setup_after_sign_in():
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def _first_setup_after_sign_in(self):
        request = self.request
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if Authenticator.objects.filter(user=user).exists():
            return False
        records = get_authentication_records(request, user)
        signed_in_at = max((record.get("at", 0) for record in records), default=0)
        return time.time() - signed_in_at < account_settings.REAUTHENTICATION_TIMEOUT

    def send_mail(self, template_prefix, email, context):
        language = (
            Profile.objects.filter(user__email__iexact=email)
            .values_list("language", flat=True)
            .first()
        ) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)


def _request_language(request):
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    return language.split("-")[0]
