"""Notification emails, each in its recipient's language, sent once."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from community.models import Notification
from community.notifications import link_of, mark_withdrawn, text_of, wants_email


def send_notification_emails(notification_ids):
    """Send the emails these notifications call for. Idempotent: a notification already
    emailed (or read in the meantime) is skipped."""
    pending = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True, read_at__isnull=True
    ).select_related("recipient__profile", "actor__profile")
    for notification in mark_withdrawn(pending):
        if notification.withdrawn:
            continue  # about a post the recipient may no longer read: no email
        if not wants_email(notification) or not notification.recipient.is_active:
            continue
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            continue
        profile = notification.recipient.profile
        with translation.override(profile.language):
            text = str(text_of(notification))
            context = {
                "text": text,
                "detail": notification.detail,
                "url": settings.SITE_URL.rstrip("/") + link_of(notification, profile.language),
                "settings_url": settings.SITE_URL.rstrip("/") + reverse("notification_settings"),
                "name": profile.name,
            }
            send_mail(
                subject=f"[Maillage] {text}",
                message=render_to_string("community/email/notification.txt", context),
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
