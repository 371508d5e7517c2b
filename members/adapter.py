from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from members.models import Profile


class AccountAdapter(DefaultAccountAdapter):
    """Accounts through allauth, with emails in the member's own language."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            Profile.objects.filter(user=user).update(language=_request_language(request))
        return user

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
