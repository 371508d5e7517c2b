from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django.views.static import serve

from members import permissions as member_permissions
from members import queries as member_queries
from members import services as member_services
from members.models import Profile


def home(request):
    """Anyone: visitors see what Maillage is, members their own starting point."""
    context = {}
    if request.user.is_authenticated:
        profiles = member_permissions.listed_profiles(request.user, Profile.objects.with_tags())
        viewer_interests = member_queries.interest_ids_of(request.user)
        context["people_to_meet"] = [
            (profile, member_queries.shared_interests(viewer_interests, profile))
            for profile in member_queries.members_sharing_interests(profiles, viewer=request.user)
        ]
        context["popular_interests"] = member_queries.popular_interests()
    return render(request, "community/home.html", context)


@require_POST
def set_language(request):
    """Anyone: switch the interface language; a member's choice is remembered for emails."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if translation.check_for_language(language):
        member_services.set_preferred_language(user=request.user, language=language)
    return response


def admin_login(request, extra_context=None):
    """The admin signs in through allauth, so that two-factor authentication applies."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next") or request.get_full_path())


def media(request, path):
    """Anyone with the link: uploaded media (avatars) carry unguessable names."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
