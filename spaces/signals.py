"""Keeps what spaces.queries keeps in the cache in step with the database."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from spaces import queries
from spaces.models import Space, TaggedSpaceInterest


@receiver(m2m_changed, sender=TaggedSpaceInterest, dispatch_uid="spaces.interests_changed")
def _interests_changed(sender, instance, action, pk_set, **kwargs):
    if action.startswith("pre_"):
        return
    if isinstance(instance, Space):
        _forget([instance.pk])
    elif pk_set:  # from the interest's side: the spaces are the keys
        _forget(pk_set)


@receiver(post_save, sender=TaggedSpaceInterest, dispatch_uid="spaces.interest_tagged")
@receiver(post_delete, sender=TaggedSpaceInterest, dispatch_uid="spaces.interest_untagged")
def _interest_row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _forget([instance.content_object_id])


def _forget(space_ids):
    """Now, and again once committed (a page read in between would keep the old ones)."""
    space_ids = list(space_ids)
    queries.forget_space_interests(space_ids)
    transaction.on_commit(lambda: queries.forget_space_interests(space_ids))
