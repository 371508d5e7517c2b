from celery import shared_task


@shared_task
def send_notification_emails(notification_ids):
    from community.emails import send_notification_emails as send

    send(notification_ids)
