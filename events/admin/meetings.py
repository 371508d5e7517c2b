"""Meetings between attendees, for staff to read. They change only through
events.services.meetings (the lock against overlaps, the activity log, the notices),
so the admin lists and shows them, and cancels them with an action."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import ModelAdmin
from events.models import Meeting
from events.services import meetings as services


@admin.register(Meeting)
class MeetingAdmin(ModelAdmin):
    list_display = ["starts_at", "requester_name", "invitee_name", "event", "status"]
    list_filter = ["status", "event"]
    list_select_related = ["event", "requester__profile", "invitee__profile"]
    search_fields = [
        "requester__email",
        "requester__profile__display_name",
        "invitee__email",
        "invitee__profile__display_name",
        "event__title",
    ]
    date_hierarchy = "starts_at"
    ordering = ["-starts_at", "-pk"]
    actions = ["cancel_meetings"]
    fields = [
        "event",
        "requester",
        "invitee",
        "starts_at",
        "ends_at",
        "message",
        "status",
        "created_at",
        "responded_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("asked by"), ordering="requester__profile__display_name")
    def requester_name(self, meeting):
        return meeting.requester.profile.name

    @admin.display(description=_("asked"), ordering="invitee__profile__display_name")
    def invitee_name(self, meeting):
        return meeting.invitee.profile.name

    @admin.action(description=_("Cancel the selected meetings (the two people are told)"))
    def cancel_meetings(self, request, queryset):
        cancelled, refused = 0, []
        for meeting in queryset.exclude(status=Meeting.Status.CANCELLED):
            try:
                services.cancel(meeting=meeting, by=request.user)
            except services.MeetingRefused as refusal:
                refused.append(f"{meeting}: {refusal.message}")
            else:
                cancelled += 1
        if cancelled:
            self.message_user(
                request,
                ngettext("%(count)d meeting cancelled.", "%(count)d meetings cancelled.", cancelled)
                % {"count": cancelled},
                messages.SUCCESS,
            )
        for line in refused:
            self.message_user(request, line, messages.WARNING)
