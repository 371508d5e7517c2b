"""Keeps what spaces.queries keeps in the cache in step with the database: which interests
each space and each thread has."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from spaces import queries
from spaces.models import Space, TaggedSpaceInterest, TaggedThreadInterest, Thread

OWNERS = {TaggedSpaceInterest: Space, TaggedThreadInterest: Thread}


@receiver(m2m_changed, sender=TaggedSpaceInterest, dispatch_uid="spaces.space_interests")
@receiver(m2m_changed, sender=TaggedThreadInterest, dispatch_uid="spaces.thread_interests")
def _interests_changed(sender, instance, action, pk_set, **kwargs):
    if action.startswith("pre_"):
        return
    owner = OWNERS[sender]
    if isinstance(instance, owner):
        _forget(owner, [instance.pk])
    elif pk_set:  # from the interest's side: the spaces or threads are the keys
        _forget(owner, pk_set)


@receiver(post_save, sender=TaggedSpaceInterest, dispatch_uid="spaces.space_tagged")
@receiver(post_delete, sender=TaggedSpaceInterest, dispatch_uid="spaces.space_untagged")
@receiver(post_save, sender=TaggedThreadInterest, dispatch_uid="spaces.thread_tagged")
@receiver(post_delete, sender=TaggedThreadInterest, dispatch_uid="spaces.thread_untagged")
def _interest_row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _forget(OWNERS[sender], [instance.content_object_id])


def _forget(owner, pks):
    """Now, and again once committed (a page read in between would keep the old ones)."""
    pks = list(pks)
    queries.forget_interests(owner, pks)
    transaction.on_commit(lambda: queries.forget_interests(owner, pks))
