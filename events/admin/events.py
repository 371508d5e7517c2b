"""Staff enter events here; registrations change only through events.services.

A registration is read here and acted upon with the actions (check in, cancel), never
edited or deleted field by field: the services keep the seats, the waiting list and the
activity log in step.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import ModelAdmin, TabularInline
from events import queries, services
from events.admin.workshops import WorkshopTableInline
from events.forms.editing import checked_cover
from events.models import DEFAULT_TIME_ZONE, Event, Question, Registration, Series
from events.services import editing
from events.services.registration import promotion_message


class QuestionInline(TabularInline):
    model = Question
    extra = 0
    fields = ["position", "label", "kind", "choices", "required"]


def registrations_url(event, **filters):
    query = urlencode({"event__id__exact": event.pk, **filters})
    return f"{reverse('admin:events_registration_changelist')}?{query}"


class EventAdminForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["audience", "tiers"]  # the admin's fieldsets list the rest

    def clean_cover(self):
        return checked_cover(self.cleaned_data.get("cover"))

    def clean(self):
        data = super().clean()
        if data.get("audience") == Event.Audience.TIERS and not data.get("tiers"):
            self.add_error("tiers", _("Choose the membership tiers invited."))
        return data


@admin.register(Event)
class EventAdmin(ModelAdmin):
    form = EventAdminForm
    list_display = [
        "title",
        "starts_local",
        "format",
        "audience",
        "is_published",
        "seats",
        "waitlist",
        "registrations",
    ]
    list_filter = ["format", "audience", "is_published", "language", "series"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    ordering = ["-starts_at"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["space"]
    readonly_fields = ["registrations", "series_dates", "created_by", "created_at"]
    filter_horizontal = ["tiers"]
    inlines = [QuestionInline, WorkshopTableInline]
    actions = ["fill_from_waitlist"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "language", "description", "interests", "cover"]}),
        (
            _("When and where"),
            {
                "fields": [
                    "format",
                    ("starts_at", "ends_at"),
                    "time_zone",
                    "venue",
                    "address",
                    "online_url",
                ]
            },
        ),
        (
            _("Registration"),
            {
                "fields": [
                    ("audience", "space"),
                    "tiers",
                    ("capacity", "max_guests"),
                    ("registration_opens_at", "registration_closes_at"),
                    "registrations",
                ]
            },
        ),
        (_("Meeting other attendees"), {"fields": ["meetings_enabled", "meeting_minutes"]}),
        (_("Series"), {"fields": ["series", "series_dates"]}),
        (_("Publication"), {"fields": ["is_published", "created_by", "created_at"]}),
    ]

    def get_queryset(self, request):
        # Counts as subqueries of the list's one query; the interests are not shown here.
        return queries.with_counts(super().get_queryset(request)).prefetch_related(None)

    @admin.display(description=_("starts (local time)"), ordering="starts_at")
    def starts_local(self, event):
        local = formats.date_format(event.starts_at.astimezone(event.zone), "DATETIME_FORMAT")
        if event.time_zone != DEFAULT_TIME_ZONE:
            return f"{local} ({event.time_zone})"
        return local

    @admin.display(description=_("seats taken"), ordering="seats_taken")
    def seats(self, event):
        if event.capacity is None:
            return event.seats_taken
        return f"{event.seats_taken} / {event.capacity}"

    @admin.display(description=_("waiting list"), ordering="waitlist_count")
    def waitlist(self, event):
        return event.waitlist_count

    @admin.display(description=_("registrations"))
    def registrations(self, event):
        if event is None or event.pk is None:
            return "—"
        return format_html('<a href="{}">{}</a>', registrations_url(event), _("See registrations"))

    @admin.display(description=_("dates"))
    def series_dates(self, event):
        if event is None or event.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("events:repeat", args=[event.slug]),
            _("Repeat this event (weekly, every two weeks, monthly)…"),
        )

    def save_model(self, request, obj, form, change):
        """The same service as the staff form on the site (events.services.editing): the
        event, its interests and tiers, the cover, the activity and the members told,
        seats freed given to the waiting list. The inlines (questions, tables) follow."""
        promoted = editing.save_event(
            event=obj,
            by=request.user,
            interests=form.cleaned_data.get("interests", []),
            tiers=form.cleaned_data.get("tiers", []),
        )
        self._report_promoted(request, promoted)

    def save_related(self, request, form, formsets, change):
        """Interests and tiers are saved by save_model's service; the inlines are left."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description=_("Fill free seats from the waiting list"))
    def fill_from_waitlist(self, request, queryset):
        promoted = []
        for event in queryset:
            promoted += services.promote_waitlist(event=event)
        self._report_promoted(request, promoted, always=True)

    def _report_promoted(self, request, promoted, *, always=False):
        if promoted or always:
            self.message_user(request, promotion_message(promoted), messages.SUCCESS)


class CheckedInFilter(admin.SimpleListFilter):
    title = _("checked in")
    parameter_name = "checked_in"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(checked_in_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(checked_in_at__isnull=True)
        return queryset


@admin.register(Registration)
class RegistrationAdmin(ModelAdmin):
    list_display = ["member", "event", "status", "guests", "checked_in", "created_at"]
    list_filter = ["status", CheckedInFilter, "event"]
    list_select_related = ["user__profile", "event"]
    search_fields = ["user__email", "user__profile__display_name"]
    ordering = ["-created_at", "-pk"]
    actions = ["check_in", "cancel"]
    fields = [
        "event",
        "user",
        "status",
        "guests",
        "answers",
        "is_listed",
        "ticket_code",
        "registered_by",
        "created_at",
        "waitlisted_at",
        "cancelled_at",
        "checked_in_at",
        "checked_in_by",
    ]
    # Only whether the member is listed among the attendees is edited by hand; seats,
    # status and check-in change through the actions, which call the services.
    readonly_fields = [field for field in fields if field != "is_listed"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("member"), ordering="user__profile__display_name")
    def member(self, registration):
        return registration.user.profile.display_name or registration.user.email

    @admin.display(description=_("checked in"), boolean=True, ordering="checked_in_at")
    def checked_in(self, registration):
        return registration.checked_in_at is not None

    @admin.action(description=_("Check in"))
    def check_in(self, request, queryset):
        done, already, refused = 0, 0, []
        for registration in queryset.select_related("user__profile"):
            try:
                _registration, newly = services.check_in(registration=registration, by=request.user)
            except services.RegistrationRefused as refusal:
                refused.append((registration, refusal.message))
                continue
            if newly:
                done += 1
            else:
                already += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d attendee checked in.", "%(count)d attendees checked in.", done)
                % {"count": done},
                messages.SUCCESS,
            )
        if already:
            self.message_user(
                request,
                ngettext(
                    "%(count)d attendee was already checked in.",
                    "%(count)d attendees were already checked in.",
                    already,
                )
                % {"count": already},
                messages.INFO,
            )
        self._report_refused(request, refused)

    @admin.action(description=_("Cancel (frees the seat for the waiting list)"))
    def cancel(self, request, queryset):
        cancelled, promoted, refused = 0, [], []
        for registration in queryset.select_related("user__profile"):
            if not registration.is_active:
                continue
            try:
                _registration, moved_up = services.cancel(
                    registration=registration, by=request.user
                )
            except services.RegistrationRefused as refusal:
                refused.append((registration, refusal.message))
                continue
            cancelled += 1
            promoted += moved_up
        self.message_user(
            request,
            ngettext(
                "%(count)d registration cancelled.", "%(count)d registrations cancelled.", cancelled
            )
            % {"count": cancelled},
            messages.SUCCESS if cancelled else messages.INFO,
        )
        if promoted:
            self.message_user(request, promotion_message(promoted), messages.SUCCESS)
        self._report_refused(request, refused)

    def _report_refused(self, request, refused):
        for registration, reason in refused:
            self.message_user(
                request,
                format_html("{}: {}", self.member(registration), reason),
                messages.WARNING,
            )


@admin.register(Series)
class SeriesAdmin(ModelAdmin):
    list_display = ["title", "frequency", "dates"]
    list_filter = ["frequency"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(date_count=models.Count("events"))

    @admin.display(description=_("dates"), ordering="date_count")
    def dates(self, series):
        query = urlencode({"series__id__exact": series.pk})
        url = f"{reverse('admin:events_event_changelist')}?{query}"
        return format_html('<a href="{}">{}</a>', url, series.date_count)
