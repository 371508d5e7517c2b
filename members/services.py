"""Every write about members that touches more than one row or has side effects."""

from django.db import transaction

from common import images
from common.files import delete_files
from members.models import Profile


def create_profile(*, user, display_name="", language=None):
    """Give a new account its profile. Idempotent on user."""
    defaults = {"display_name": display_name}
    if language:
        defaults["language"] = language
    profile, _created = Profile.objects.get_or_create(user=user, defaults=defaults)
    return profile


def update_profile(*, profile, form, remove_avatar=False):
    """Save a validated ProfileForm, its tags and a new avatar, all or nothing.

    Old avatar files are deleted only once the new state is committed.
    """
    new_avatar = form.cleaned_data.get("avatar_upload")
    old_files = [f.name for f in (profile.avatar, profile.avatar_thumbnail) if f]
    with transaction.atomic():
        profile = form.save(commit=False)
        if new_avatar:
            avatar, thumbnail = images.render_avatar(new_avatar)
            profile.avatar.save(avatar.name, avatar, save=False)
            profile.avatar_thumbnail.save(thumbnail.name, thumbnail, save=False)
        elif remove_avatar:
            profile.avatar = ""
            profile.avatar_thumbnail = ""
        profile.save()
        form.save_m2m()
        if new_avatar or remove_avatar:
            transaction.on_commit(lambda: delete_files(profile.avatar.storage, old_files))
    return profile


def remove_avatar(*, profile):
    """Staff take down a member's avatar (an offensive picture, say); the files go once
    the change is committed. Idempotent. (The admin keeps the record of who did it.)"""
    old_files = [f.name for f in (profile.avatar, profile.avatar_thumbnail) if f]
    if not old_files:
        return profile
    with transaction.atomic():
        Profile.objects.filter(pk=profile.pk).update(avatar="", avatar_thumbnail="")
        transaction.on_commit(lambda: delete_files(profile.avatar.storage, old_files))
    profile.avatar = profile.avatar_thumbnail = ""
    return profile


def set_preferred_language(*, user, language):
    """Remember the language a member chose, for the emails sent to them."""
    if user.is_authenticated:
        Profile.objects.filter(user=user).exclude(language=language).update(language=language)
