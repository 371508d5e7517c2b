"""Events: what staff announce, who registers, who comes.

Times are stored in UTC; each event has the time zone it happens in (America/Toronto by
default), and pages show times in the viewer's zone.
"""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager
from taggit.models import ItemBase

from common.tags import TagManager
from common.urls import cached_reverse
from members.models import Interest, MembershipTier

DEFAULT_TIME_ZONE = "America/Toronto"


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value})


def new_ticket_code():
    """Ten characters people can read aloud at the door: no 0/O, 1/I/L."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Event(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Everyone, members or not")
        MEMBERS = "members", _("All members")
        SPACE = "space", _("Members of a space")
        TIERS = "tiers", _("Members of some membership tiers")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    description = models.TextField(
        _("description"), max_length=20000, blank=True, help_text=_("Markdown.")
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    format = models.CharField(
        _("format"), max_length=12, choices=Format.choices, default=Format.IN_PERSON
    )
    venue = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address of the place"), max_length=300, blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown to registered attendees only.")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Where the event happens; each viewer sees times in their own zone."),
    )
    interests = TaggableManager(
        manager=TagManager,
        verbose_name=_("interests"),
        through="TaggedEventInterest",
        blank=True,
        related_name="events",
    )
    cover = models.ImageField(_("cover image"), upload_to="events/covers/", blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats, guests included. Empty: no limit."),
    )
    max_guests = models.PositiveSmallIntegerField(
        _("guests per registration"), default=0, help_text=_("0: members come alone.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: when the event starts."),
    )
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.MEMBERS
    )
    space = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("space"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("For an event whose audience is a space's members."),
    )
    tiers = models.ManyToManyField(
        MembershipTier,
        verbose_name=_("membership tiers"),
        blank=True,
        related_name="events",
        help_text=_("For an event whose audience is some membership tiers."),
    )
    series = models.ForeignKey(
        "Series",
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    meetings_enabled = models.BooleanField(
        _("attendees can book 1:1 meetings"),
        default=True,
        help_text=_("Suggested people to meet, and meeting requests during the event."),
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        _("length of a meeting (minutes)"), default=20
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["is_published", "ends_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("events:detail", self.slug)

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("An event ends after it starts.")
        if self.audience == self.Audience.SPACE and not self.space_id:
            errors["space"] = _("Choose the space whose members are invited.")
        if not 5 <= (self.meeting_minutes or 0) <= 240:
            errors["meeting_minutes"] = _("A meeting lasts between 5 and 240 minutes.")
        if self.format != self.Format.IN_PERSON and not self.online_url:
            errors["online_url"] = _("An online or hybrid event needs its link.")
        if self.format != self.Format.ONLINE and not self.venue:
            errors["venue"] = _("An in-person or hybrid event needs its place.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration closes after it opens.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_online(self):
        return self.format != self.Format.IN_PERSON

    @property
    def has_place(self):
        return self.format != self.Format.ONLINE

    def registration_closes(self):
        return self.registration_closes_at or self.starts_at

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return now < self.registration_closes()

    def is_past(self, now=None):
        return self.ends_at < (now or timezone.now())


class TaggedEventInterest(ItemBase):
    tag = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="tagged_events")
    content_object = models.ForeignKey(Event, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("event interest")
        verbose_name_plural = _("event interests")
        unique_together = [("content_object", "tag")]


class Question(models.Model):
    """Asked at registration: a free answer, or one choice among several."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Free answer")
        CHOICE = "choice", _("One choice")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One per line."))
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        if self.kind == self.Kind.CHOICE and len(self.choice_list()) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("waitlisted_at", "pk")

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    # No index of its own: the indexes below start with it.
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    guests = models.PositiveSmallIntegerField(_("guests"), default=0)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    is_listed = models.BooleanField(
        _("show me among the attendees"),
        default=True,
        help_text=_("Other attendees see your name on the event's page."),
    )
    suggest_me = models.BooleanField(
        _("suggest me to other attendees"),
        default=True,
        help_text=_("Other attendees may see you among the people to meet."),
    )
    ticket_code = models.CharField(
        _("ticket code"), max_length=12, unique=True, default=new_ticket_code, editable=False
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Staff who registered this member, if not the member."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_member")
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            # An event's page: its confirmed attendees in the order they registered.
            models.Index(
                fields=["event", "created_at", "id"],
                condition=Q(status="confirmed"),
                name="registration_confirmed_order",
            ),
            # An event's page: the attendees it lists, in the order they registered, with
            # nothing left to sort, so that its query keeps one plan for an event of 8
            # attendees or of 2,600 (planned once per connection, common.prepared). With
            # the event's own index beside it, that plan read a large event whole and sorted
            # it (12-19 ms against 0.13 on the large data set).
            models.Index(
                fields=["event", "status", "created_at"],
                condition=Q(is_listed=True),
                name="registration_listed_order",
            ),
            # A member's events (recommendations leave out those joined; my calendar): read
            # from the index alone, not from a hundred rows scattered in the table.
            models.Index(fields=["user", "status", "event"], name="registration_by_member"),
        ]

    def __str__(self):
        return f"{self.user} → {self.event}"

    def get_absolute_url(self):
        return reverse("events:ticket", args=[self.event.slug])

    @property
    def seats(self):
        return 1 + self.guests

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == self.Status.WAITLISTED

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED


class Series(models.Model):
    """Events that repeat: each date is an event of its own, linked to the others."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        BIWEEKLY = "biweekly", _("Every two weeks")
        MONTHLY = "monthly", _("Every month (same weekday)")

    title = models.CharField(_("title"), max_length=200)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = pgettext_lazy("plural", "series")
        ordering = ["title"]

    def __str__(self):
        return self.title


class CalendarFeed(models.Model):
    """A member's secret address for the calendar of the events they registered for.
    Revoking gives a new address; the old one stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_calendar"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(32)
