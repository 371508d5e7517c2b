"""Celery tasks of community: thin, they call community.emails."""

from celery import shared_task

from community import emails


@shared_task
def send_notification_emails(notification_ids):
    emails.send_notification_emails(notification_ids)
