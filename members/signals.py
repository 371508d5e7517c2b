from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal, receiver

from common.cache import forget_now_and_on_commit
from common.live import access_changed
from members import queries, services
from members.models import Interest, Profile, Skill, TaggedInterest, User

# Sent with `profile` when who may see a person changes: their profile's visibility, or
# their account turned active or inactive. Apps that show people somewhere derived (the
# mentions rendered in posts, open sockets) follow it, inside the same transaction.
person_visibility_changed = Signal()


@receiver(post_save, sender=User, dispatch_uid="members.create_profile")
def give_new_user_a_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.create_profile(user=instance)


@receiver(post_save, sender=User, dispatch_uid="members.account_activity_changed")
def _account_activity_changed(sender, instance, created, raw=False, **kwargs):
    loaded = getattr(instance, "_loaded_is_active", None)
    if created or raw or loaded is None or loaded == instance.is_active:
        return
    instance._loaded_is_active = instance.is_active
    profile = Profile.objects.filter(user=instance).select_related("user").first()
    if profile is not None:
        person_visibility_changed.send(sender=Profile, profile=profile)


@receiver(post_save, sender=Profile, dispatch_uid="members.profile_visibility_changed")
def _profile_visibility_changed(sender, instance, created, raw=False, **kwargs):
    loaded = getattr(instance, "_loaded_visibility", None)
    if created or raw or loaded is None or loaded == instance.visibility:
        return
    instance._loaded_visibility = instance.visibility
    person_visibility_changed.send(sender=Profile, profile=instance)


@receiver(person_visibility_changed, dispatch_uid="members.close_sockets_of_closed_accounts")
def _close_sockets_of_closed_accounts(sender, profile, **kwargs):
    """A closed account's open sockets (its own channel, chats, conversations, live pages)
    stop at once, wherever it was closed (the admin, a service): told once committed."""
    if not profile.user.is_active:
        access_changed(scope="account", pk=profile.user_id, users=[profile.user_id])


@receiver(m2m_changed, sender=TaggedInterest, dispatch_uid="members.interests_changed")
@receiver(post_save, sender=TaggedInterest, dispatch_uid="members.interest_tagged")
@receiver(post_delete, sender=TaggedInterest, dispatch_uid="members.interest_untagged")
@receiver(post_save, sender=Interest, dispatch_uid="members.interest_saved")
@receiver(post_delete, sender=Interest, dispatch_uid="members.interest_deleted")
def _popular_interests_changed(sender, raw=False, action="post", **kwargs):
    """Now, and again once committed (a page read in between would cache the old counts)."""
    if raw or action.startswith("pre_"):
        return
    forget_now_and_on_commit(queries.forget_popular_interests)


@receiver(post_save, sender=Interest, dispatch_uid="members.interest_choices_saved")
@receiver(post_delete, sender=Interest, dispatch_uid="members.interest_choices_deleted")
@receiver(post_save, sender=Skill, dispatch_uid="members.skill_choices_saved")
@receiver(post_delete, sender=Skill, dispatch_uid="members.skill_choices_deleted")
def _tag_choices_changed(sender, raw=False, **kwargs):
    """The lists of interests and skills to filter by: forgotten now, and again once
    committed (a page read in between would cache the old list)."""
    if raw:
        return
    forget_now_and_on_commit(queries.forget_tag_choices, sender)


@receiver(post_save, sender=Profile, dispatch_uid="members.viewer_profile_saved")
def _viewer_profile_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _forget_viewers([instance.user_id])


@receiver(m2m_changed, sender=TaggedInterest, dispatch_uid="members.viewer_interests_changed")
def _viewer_interests_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action.startswith("pre_"):
        return
    if isinstance(instance, Profile):
        _forget_viewers([instance.user_id])
    elif pk_set:  # from the interest's side: the profiles are the keys
        _forget_viewers(Profile.objects.filter(pk__in=pk_set).values_list("user_id", flat=True))


@receiver(post_save, sender=TaggedInterest, dispatch_uid="members.viewer_interest_tagged")
@receiver(post_delete, sender=TaggedInterest, dispatch_uid="members.viewer_interest_untagged")
def _viewer_interest_row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _forget_viewers(
            Profile.objects.filter(pk=instance.content_object_id).values_list("user_id", flat=True)
        )


def _forget_viewers(user_ids):
    forget_now_and_on_commit(queries.forget_viewer_summary, list(user_ids))
