"""Celery tasks of events: thin, they call events.services.reminders."""

from celery import shared_task

from events.models import Registration
from events.services.reminders import send_confirmation, send_due_reminders

RETRY_AFTER_SECONDS = 300


@shared_task(bind=True, max_retries=3)
def send_registration_confirmation(self, registration_id):
    """Queued on commit by register and by a promotion from the waiting list. A refused
    message is retried by the worker; run in process (no Redis), the failure is logged."""
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        return "skipped"
    result = send_confirmation(registration)
    if result == "failed" and not self.request.is_eager:
        raise self.retry(countdown=RETRY_AFTER_SECONDS)
    return result


@shared_task
def send_event_reminders():
    """Every five minutes with Celery beat (CELERY_BEAT_SCHEDULE); by hand or cron:
    `manage.py send_event_reminders`."""
    return {str(kind): count for kind, count in send_due_reminders().items()}
