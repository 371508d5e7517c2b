"""Polls and live questions in the admin. Polls are prepared here (question and choices);
opening, closing, answering and hiding go through the actions, which call the services so
the activity log and the live pages stay in step. Votes are never edited by hand."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import ModelAdmin, TabularInline
from events.models import LiveQuestion, Poll, PollChoice
from events.services import live as services


class PollChoiceInline(TabularInline):
    model = PollChoice
    extra = 2
    fields = ["position", "label"]

    # Once a poll is opened its choices are what members voted on: they stay.
    def has_add_permission(self, request, obj=None):
        return _is_draft(obj)

    def has_change_permission(self, request, obj=None):
        return _is_draft(obj)

    def has_delete_permission(self, request, obj=None):
        return _is_draft(obj)


def _is_draft(poll):
    return poll is None or poll.status == Poll.Status.DRAFT


@admin.register(Poll)
class PollAdmin(ModelAdmin):
    list_display = ["question", "event", "status", "vote_count", "opened_at", "closed_at"]
    list_filter = ["status", "event"]
    list_select_related = ["event"]
    search_fields = ["question", "event__title"]
    autocomplete_fields = ["event"]
    fields = ["event", "question", "position", "status", "created_by", "opened_at", "closed_at"]
    readonly_fields = ["status", "created_by", "opened_at", "closed_at"]
    inlines = [PollChoiceInline]
    actions = ["open_polls", "close_polls"]

    def get_readonly_fields(self, request, obj=None):
        if _is_draft(obj):
            return self.readonly_fields
        return [*self.readonly_fields, "event", "question"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(vote_total=Count("votes"))

    @admin.display(description=_("votes"), ordering="vote_total")
    def vote_count(self, poll):
        return poll.vote_total

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Open (attendees may vote)"))
    def open_polls(self, request, queryset):
        self._run(request, queryset, services.open_poll)

    @admin.action(description=_("Close (the results are final)"))
    def close_polls(self, request, queryset):
        self._run(request, queryset, services.close_poll)

    def _run(self, request, queryset, action):
        done = 0
        for poll in queryset.select_related("event"):
            try:
                action(poll=poll, by=request.user)
            except services.LiveRefused as refusal:
                self.message_user(request, f"{poll}: {refusal.message}", messages.ERROR)
                continue
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d poll updated.", "%(count)d polls updated.", done) % {"count": done},
            messages.SUCCESS if done else messages.INFO,
        )


@admin.register(LiveQuestion)
class LiveQuestionAdmin(ModelAdmin):
    list_display = ["body", "event", "author_name", "status", "votes", "created_at"]
    list_filter = ["status", "event"]
    list_select_related = ["event", "author__profile"]
    search_fields = ["body", "event__title"]
    ordering = ["-created_at", "-pk"]
    fields = [
        "event",
        "author",
        "body",
        "status",
        "votes",
        "created_at",
        "answered_at",
        "moderated_by",
    ]
    readonly_fields = fields
    actions = ["mark_answered", "hide"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("author"), ordering="author__profile__display_name")
    def author_name(self, question):
        return question.author.profile.display_name or question.author.email

    @admin.action(description=_("Mark answered"))
    def mark_answered(self, request, queryset):
        self._run(request, queryset, services.mark_answered)

    @admin.action(description=_("Hide from members"))
    def hide(self, request, queryset):
        self._run(request, queryset, services.hide_question)

    def _run(self, request, queryset, action):
        count = 0
        for question in queryset.select_related("event"):
            action(question=question, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d question updated.", "%(count)d questions updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )
