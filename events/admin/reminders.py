"""Feedback and the emails sent around events: read here, written by events.services.

Feedback belongs to the member who gave it: staff read and filter it, and may delete a
comment that has no place here, but never rewrite it. A SentReminder row is the proof an
email went out; changing or deleting one would make the task send it again, so they are
read-only.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from analytics.admin import HistoryAdmin
from common.admin import ModelAdmin
from events.models import Feedback, SentReminder


@admin.register(Feedback)
class FeedbackAdmin(ModelAdmin):
    list_display = ["event", "member", "rating", "would_recommend", "short_comment", "updated_at"]
    list_filter = ["rating", "would_recommend", "registration__event"]
    list_select_related = ["registration__event", "registration__user__profile"]
    search_fields = ["comment", "registration__user__email", "registration__event__title"]
    ordering = ["-updated_at", "-pk"]
    fields = ["registration", "rating", "would_recommend", "comment", "created_at", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("event"), ordering="registration__event__starts_at")
    def event(self, feedback):
        return feedback.registration.event

    @admin.display(description=_("member"), ordering="registration__user__profile__display_name")
    def member(self, feedback):
        user = feedback.registration.user
        return user.profile.display_name or user.email

    @admin.display(description=_("comment"))
    def short_comment(self, feedback):
        comment = feedback.comment
        return comment if len(comment) <= 80 else comment[:79] + "…"


@admin.register(SentReminder)
class SentReminderAdmin(HistoryAdmin):
    """The emails sent: history."""

    list_display = ["registration", "kind", "sent_at"]
    list_filter = ["kind", "registration__event"]
    list_select_related = ["registration__event", "registration__user"]
    search_fields = ["registration__user__email", "registration__event__title"]
    ordering = ["-sent_at", "-pk"]
    date_hierarchy = "sent_at"
