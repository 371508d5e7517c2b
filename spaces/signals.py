"""Keeps what spaces.queries keeps in the cache in step with the database: which interests
each space and each thread has, and their names."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from common.cache import forget_now_and_on_commit
from members.models import Interest
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
        forget_now_and_on_commit(queries.forget_interests, owner, [instance.pk])
    elif pk_set:  # from the interest's side: the spaces or threads are the keys
        forget_now_and_on_commit(queries.forget_interests, owner, list(pk_set))


@receiver(post_save, sender=TaggedSpaceInterest, dispatch_uid="spaces.space_tagged")
@receiver(post_delete, sender=TaggedSpaceInterest, dispatch_uid="spaces.space_untagged")
@receiver(post_save, sender=TaggedThreadInterest, dispatch_uid="spaces.thread_tagged")
@receiver(post_delete, sender=TaggedThreadInterest, dispatch_uid="spaces.thread_untagged")
def _interest_row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        forget_now_and_on_commit(
            queries.forget_interests, OWNERS[sender], [instance.content_object_id]
        )


@receiver(post_save, sender=Interest, dispatch_uid="spaces.interest_renamed")
def _interest_saved(sender, instance, created, raw=False, **kwargs):
    """A deleted interest leaves through its tagged rows (their post_delete, above); a
    renamed one is forgotten wherever it is kept."""
    if not raw and not created:
        forget_now_and_on_commit(queries.forget_interest_everywhere, instance.pk)
