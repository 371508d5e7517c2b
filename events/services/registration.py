"""Every write in events: registering, cancelling, promoting from the waiting list, checking in.

Seats are counted under a lock on the event's row (SELECT ... FOR UPDATE on PostgreSQL;
SQLite serializes writers), so two members racing for the last seat never both get it.
"""

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

import analytics
from common.live import access_changed
from events import attendance, notifications, tasks
from events.models import CalendarFeed, Event, Registration
from events.services.refusal import Refused


class RegistrationRefused(Refused):
    """A registration that cannot be made, with the reason the member reads."""


def seats_taken(event):
    """Seats of confirmed registrations, guests included."""
    taken = event.registrations.confirmed().aggregate(seats=Sum("guests") + Count("pk"))
    return taken["seats"] or 0


def register(*, event, user, guests=0, answers=None, is_listed=True, by=None, now=None):
    """Register a member, or put them on the waiting list when the seats are taken.

    `by` is the staff member registering someone else: the window is theirs to ignore.
    Raises RegistrationRefused; returns the registration (confirmed or waitlisted).
    """
    now = now or timezone.now()
    if guests < 0 or guests > event.max_guests:
        raise RegistrationRefused(
            _("You may bring at most %(count)s guests.") % {"count": event.max_guests}
        )
    if by is None and not event.registration_is_open(now):
        if event.registration_opens_at and now < event.registration_opens_at:
            raise RegistrationRefused(_("Registration is not open yet."))
        raise RegistrationRefused(_("Registration is closed."))
    if event.is_past(now):
        raise RegistrationRefused(_("This event is over."))
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        registration = (
            Registration.objects.select_for_update().filter(event=locked, user=user).first()
        )
        if registration is not None and registration.is_active:
            raise RegistrationRefused(
                _("You are already on the waiting list.")
                if registration.is_waitlisted
                else _("You are already registered.")
            )
        fits = locked.capacity is None or seats_taken(locked) + 1 + guests <= locked.capacity
        # Nobody jumps the waiting list: a freed seat goes to the first in line.
        if fits and locked.registrations.waitlisted().exists():
            fits = False
        status = Registration.Status.CONFIRMED if fits else Registration.Status.WAITLISTED
        if registration is None:
            registration = Registration(event=locked, user=user)
        registration.status = status
        registration.guests = guests
        registration.answers = answers or {}
        registration.is_listed = is_listed
        registration.registered_by = by
        registration.cancelled_at = None
        registration.waitlisted_at = now if status == Registration.Status.WAITLISTED else None
        registration.save()
        analytics.record(
            by or user,
            notifications.REGISTERED if fits else notifications.WAITLISTED,
            registration,
            context=locked,
            data=_notice(locked, user, by),
        )
        if fits:
            queue_confirmation(registration)
    return registration


def cancel(*, registration, by=None, now=None):
    """Cancel a registration; a freed seat goes to the waiting list, in order."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            return registration, []
        if registration.checked_in_at:
            raise RegistrationRefused(_("You were checked in: this registration stays."))
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        analytics.record(by or registration.user, "event.cancelled", registration, context=event)
        access_changed(scope="event", pk=event.pk, users=[registration.user_id])
        promoted = _promote(event) if not event.is_past(now) else []
    return registration, promoted


def promote_waitlist(*, event):
    """Fill freed seats (after capacity grew, say) from the waiting list."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        return _promote(locked)


def promotion_message(promoted):
    """What staff read after a change that moved members from the waiting list."""
    return ngettext(
        "%(count)d member moved from the waiting list to a seat.",
        "%(count)d members moved from the waiting list to a seat.",
        len(promoted),
    ) % {"count": len(promoted)}


def _promote(event):
    """In waiting-list order, promote while the first in line fits; never skip them."""
    promoted = []
    taken = seats_taken(event)
    for registration in event.registrations.waitlisted().select_for_update():
        if event.capacity is not None and taken + registration.seats > event.capacity:
            break
        registration.status = Registration.Status.CONFIRMED
        registration.waitlisted_at = None
        registration.save(update_fields=["status", "waitlisted_at"])
        taken += registration.seats
        promoted.append(registration)
        queue_confirmation(registration)
        analytics.record(
            None,  # nobody in particular freed it: the member is told
            notifications.PROMOTED,
            registration,
            context=event,
            data={
                "notify": [registration.user_id],
                "title": event.title,
            },
        )
    return promoted


def check_in(*, registration, by, now=None):
    """Mark an attendee as arrived. Twice is once: returns (registration, newly)."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_confirmed:
            raise RegistrationRefused(
                _("This ticket is not a confirmed registration (%(status)s).")
                % {"status": registration.get_status_display()}
            )
        if registration.checked_in_at:
            return registration, False
        registration.checked_in_at = now or timezone.now()
        registration.checked_in_by = by
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
        analytics.record(by, "event.checked_in", registration, context=registration.event)
    return registration, True


def undo_check_in(*, registration, by):
    with transaction.atomic():
        updated = Registration.objects.filter(pk=registration.pk).update(
            checked_in_at=None, checked_in_by=None
        )
        if updated:
            # An update sends no signal: what is kept under the attendance is read again.
            attendance.changed(registration.event_id)
            transaction.on_commit(lambda: attendance.changed(registration.event_id))
            analytics.record(by, "event.check_in_undone", registration, context=registration.event)


def calendar_feed(user):
    """The member's calendar address, made on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": CalendarFeed.new_token()}
    )
    return feed


def renew_calendar_feed(user):
    """A new address; calendars subscribed to the old one stop receiving updates."""
    feed = calendar_feed(user)
    feed.token = CalendarFeed.new_token()
    feed.save(update_fields=["token", "created_at"])
    return feed


def _notice(event, user, by):
    """When staff register a member, the member is told."""
    if by is None or by == user:
        return {}
    return {"notify": [user.pk], "title": event.title}


def queue_confirmation(registration):
    """After the transaction commits, queue the confirmation email (Celery, or in process)."""
    registration_id = registration.pk
    transaction.on_commit(lambda: tasks.send_registration_confirmation.delay(registration_id))
