"""Who attends an event, and who meets whom there, changed: a new version of its attendance
(events.attendance), under which its suggestions and counts are kept; a member's
registration changed: a new version of their registrations. One of its live
questions or polls changed: what the event left (events.queries.record_of) is read again.
An event's interests or an interest changed: their names and the list's filter are read
again."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from common.cache import forget_now_and_on_commit
from events import attendance
from events.models import LiveQuestion, Meeting, Poll, Registration, TaggedEventInterest
from events.queries import forget_record, interests_changed
from members.models import Interest


@receiver(post_save, sender=Registration, dispatch_uid="events.registration_saved")
@receiver(post_delete, sender=Registration, dispatch_uid="events.registration_deleted")
@receiver(post_save, sender=Meeting, dispatch_uid="events.meeting_saved")
@receiver(post_delete, sender=Meeting, dispatch_uid="events.meeting_deleted")
def _attendance_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        forget_now_and_on_commit(attendance.changed, instance.event_id)


@receiver(post_save, sender=Registration, dispatch_uid="events.member_registration_saved")
@receiver(post_delete, sender=Registration, dispatch_uid="events.member_registration_deleted")
def _member_registrations_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        forget_now_and_on_commit(attendance.member_changed, instance.user_id)


@receiver(post_save, sender=LiveQuestion, dispatch_uid="events.question_saved")
@receiver(post_delete, sender=LiveQuestion, dispatch_uid="events.question_deleted")
@receiver(post_save, sender=Poll, dispatch_uid="events.poll_saved")
@receiver(post_delete, sender=Poll, dispatch_uid="events.poll_deleted")
def _record_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        forget_now_and_on_commit(forget_record, instance.event_id)


@receiver(post_save, sender=TaggedEventInterest, dispatch_uid="events.interest_tagged")
@receiver(post_delete, sender=TaggedEventInterest, dispatch_uid="events.interest_untagged")
@receiver(post_save, sender=Interest, dispatch_uid="events.interest_saved")
@receiver(post_delete, sender=Interest, dispatch_uid="events.interest_deleted")
def _interests_changed(sender, instance, **kwargs):
    forget_now_and_on_commit(interests_changed)
