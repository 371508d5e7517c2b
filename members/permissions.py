"""Who may see and change members' profiles."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from members.models import Profile


def visible_profiles(user, queryset):
    """The profiles a person may see: public to all, members-only to members, hidden to no one."""
    if not user.is_authenticated:
        return queryset.filter(visibility=Profile.Visibility.PUBLIC, user__is_active=True)
    if user.is_staff:
        return queryset
    return queryset.filter(user__is_active=True).exclude(visibility=Profile.Visibility.HIDDEN)


def listed_profiles(user, queryset):
    """The directory's profiles: hidden ones are never listed, not even to staff."""
    return visible_profiles(user, queryset).exclude(visibility=Profile.Visibility.HIDDEN)


def can_view_profile(user, profile):
    if user.is_authenticated and (user.pk == profile.user_id or user.is_staff):
        return True
    if not profile.user.is_active:
        return False
    if profile.visibility == Profile.Visibility.PUBLIC:
        return True
    return profile.visibility == Profile.Visibility.MEMBERS and user.is_authenticated


def sign_in_would_show_profile(user, profile):
    """A visitor is sent to sign in only where that helps; hidden profiles stay unknown."""
    return (
        not user.is_authenticated
        and profile.user.is_active
        and profile.visibility == Profile.Visibility.MEMBERS
    )


def check_edit_profile_permission(user, profile):
    if not (user.is_authenticated and user.pk == profile.user_id):
        raise PermissionDenied(_("Only a member can edit their own profile."))


def check_view_directory_permission(user):
    if not user.is_authenticated:
        raise PermissionDenied(_("The directory is for members."))
