"""Emails around an event (confirmation, the day before, the hour before, the follow-up),
each sent once per registration, and the feedback attendees give afterwards.

Once: every email is claimed by inserting its SentReminder row (unique on registration and
kind) before it is sent, and only the rows this run inserted are sent. Two workers running
the task at the same moment insert the same rows; the database keeps one of each, so each
email goes out once. A message the mail server refuses has its claim deleted, so the next
run (five minutes later, with Celery beat) tries it again; a worker that dies between the
claim and the send loses that email (at most once is the rule: a late reminder is worse
than a missing one).

Who gets what (confirmed registrations of published events, active members only):
- confirmation: right after registering, or when promoted from the waiting list; not once
  the event has started. One per registration, ever.
- day_before: the event starts in more than 1 hour and at most 24 hours.
- hour_before: the event starts within the next hour.
- follow_up: the event ended less than 7 days ago; it asks for feedback. It goes to those
  who were checked in, or to every confirmed attendee when nobody was checked in at all
  (staff did not use the check-in); not to those who already gave their feedback.
A reminder is skipped when another email of the same registration went out since its
window opened: someone who registers three hours before the start gets the confirmation
and then the hour-before reminder, not also the day-before one minutes later.

These are transactional emails about an event the member chose to attend: they are sent
whatever the member's notification settings, and each says why it was sent.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import analytics
from events.models import Event, Feedback, Registration, SentReminder
from events.services.refusal import Refused

logger = logging.getLogger(__name__)

Kind = SentReminder.Kind

DAY_BEFORE_WINDOW = timedelta(hours=24)
HOUR_BEFORE_WINDOW = timedelta(hours=1)
FOLLOW_UP_WINDOW = timedelta(days=7)


class FeedbackRefused(Refused):
    """Feedback that cannot be given."""


def send_confirmation(registration, *, now=None):
    """Send the confirmation of a confirmed registration, once.

    Returns "sent", "skipped" (not confirmed, unpublished, started, already sent) or "failed"
    (the mail server refused it: the claim is released so that a retry may send it).
    """
    now = now or timezone.now()
    registration = (
        _recipients().filter(pk=registration.pk, event__starts_at__gt=now).first()
        if registration.pk
        else None
    )
    if registration is None:
        return "skipped"
    try:
        with transaction.atomic():
            SentReminder.objects.create(registration=registration, kind=Kind.CONFIRMATION)
    except IntegrityError:
        return "skipped"
    with get_connection() as connection:
        failed = _send(connection, [registration], Kind.CONFIRMATION)
    if failed:
        _release(Kind.CONFIRMATION, failed)
        return "failed"
    return "sent"


def send_due_reminders(now=None):
    """Send every reminder and follow-up that is due at `now`; returns {kind: sent count}.

    Safe to run twice, or twice at once. The number of queries does not depend on how many
    emails are due: per kind, one read, one insert of the claims, one read of what this run
    claimed; all emails go through one connection to the mail server.
    """
    now = now or timezone.now()
    kinds = (Kind.DAY_BEFORE, Kind.HOUR_BEFORE, Kind.FOLLOW_UP)
    claimed = {kind: _claim(kind, list(_due(kind, now))) for kind in kinds}
    sent = dict.fromkeys(claimed, 0)
    if not any(claimed.values()):
        return sent
    with get_connection() as connection:
        for kind, registrations in claimed.items():
            failed = _send(connection, registrations, kind) if registrations else []
            if failed:
                _release(kind, failed)
            sent[kind] = len(registrations) - len(failed)
    return sent


def _recipients():
    """Registrations that may receive an event's emails, with what the emails show."""
    return (
        Registration.objects.confirmed()
        .filter(event__is_published=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("event", "user__profile")
    )


def _due(kind, now):
    already = SentReminder.objects.filter(registration=OuterRef("pk"), kind=kind)
    registrations = _recipients().exclude(Exists(already))
    if kind == Kind.FOLLOW_UP:
        checked_in = Registration.objects.filter(
            event=OuterRef("event"), checked_in_at__isnull=False
        )
        return (
            registrations.filter(event__ends_at__lte=now, event__ends_at__gt=now - FOLLOW_UP_WINDOW)
            .filter(Q(checked_in_at__isnull=False) | ~Exists(checked_in))
            .exclude(Exists(Feedback.objects.filter(registration=OuterRef("pk"))))
            .order_by("pk")
        )
    window = DAY_BEFORE_WINDOW if kind == Kind.DAY_BEFORE else HOUR_BEFORE_WINDOW
    starts = {"event__starts_at__gt": now, "event__starts_at__lte": now + window}
    if kind == Kind.DAY_BEFORE:
        starts["event__starts_at__gt"] = now + HOUR_BEFORE_WINDOW
    told_since_window = SentReminder.objects.filter(
        registration=OuterRef("pk"), sent_at__gte=OuterRef("event__starts_at") - window
    )
    return registrations.filter(**starts).exclude(Exists(told_since_window)).order_by("pk")


def _claim(kind, registrations):
    """Insert the claims; return the registrations whose claim this run inserted."""
    if not registrations:
        return []
    claims = [SentReminder(registration=registration, kind=kind) for registration in registrations]
    SentReminder.objects.bulk_create(claims, ignore_conflicts=True)
    # Each claim got its own timestamp when inserted: a row with another one is not ours.
    stamps = {claim.registration_id: claim.sent_at for claim in claims}
    stored = set(
        SentReminder.objects.filter(kind=kind, sent_at__gte=min(stamps.values())).values_list(
            "registration_id", "sent_at"
        )
    )
    return [r for r in registrations if (r.pk, stamps[r.pk]) in stored]


def _release(kind, registrations):
    SentReminder.objects.filter(kind=kind, registration__in=registrations).delete()


def _send(connection, registrations, kind):
    """Send one email per registration on the open connection; return those that failed."""
    failed = []
    for registration in registrations:
        try:
            connection.send_messages([_message(registration, kind, connection)])
        except Exception:
            logger.exception("Event email %s to registration %s failed", kind, registration.pk)
            failed.append(registration)
    return failed


SUBJECTS = {
    Kind.CONFIRMATION: gettext_lazy("You are registered: %(title)s"),
    Kind.DAY_BEFORE: gettext_lazy("Reminder: %(title)s"),
    Kind.HOUR_BEFORE: gettext_lazy("Starting soon: %(title)s"),
    Kind.FOLLOW_UP: gettext_lazy("Thank you for coming: %(title)s"),
}


def _message(registration, kind, connection):
    event, user = registration.event, registration.user
    language = user.profile.language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(event.zone):
        context = {
            "kind": kind,
            "name": user.profile.name,
            "event": event,
            "registration": registration,
            "when": _when(event),
            "zone": event.time_zone,
            "event_url": _absolute(event.get_absolute_url()),
            "ticket_url": _absolute(reverse("events:ticket", args=[event.slug])),
            "ics_url": _absolute(reverse("events:ics", args=[event.slug])),
            "feedback_url": _absolute(reverse("events:feedback", args=[event.slug])),
        }
        subject = str(SUBJECTS[kind]) % {"title": event.title}
        message = EmailMultiAlternatives(
            subject=f"[Maillage] {subject}",
            body=render_to_string("events/email/reminder.txt", context),
            to=[user.email],
            connection=connection,
        )
        message.attach_alternative(
            render_to_string("events/email/reminder.html", context), "text/html"
        )
    return message


def _when(event):
    """The event's times where it happens, as the member's language writes them."""
    starts = timezone.localtime(event.starts_at, event.zone)
    ends = timezone.localtime(event.ends_at, event.zone)
    if starts.date() == ends.date():
        end = formats.time_format(ends, "TIME_FORMAT")
    else:
        end = formats.date_format(ends, "DATETIME_FORMAT")
    return f"{formats.date_format(starts, 'DATETIME_FORMAT')} – {end}"


def _absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def give_feedback(*, registration, rating, comment="", would_recommend=True, now=None):
    """Record or update the attendee's feedback (one per registration; the latest counts).

    Only a confirmed registration of an event that has started; raises FeedbackRefused.
    Returns (feedback, created).
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if not registration.is_confirmed:
            raise FeedbackRefused(_("Only registered attendees give feedback."))
        if event.starts_at > now:
            raise FeedbackRefused(_("Feedback opens when the event starts."))
        feedback, created = Feedback.objects.update_or_create(
            registration=registration,
            defaults={"rating": rating, "comment": comment, "would_recommend": would_recommend},
        )
        analytics.record(
            registration.user,
            "event.feedback_given",
            feedback,
            context=event,
            data={"rating": rating, "would_recommend": would_recommend, "updated": not created},
        )
    return feedback, created
