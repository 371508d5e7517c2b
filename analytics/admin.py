from django.contrib import admin

from analytics.models import Activity
from common.admin import ModelAdmin


class HistoryAdmin(ModelAdmin):
    """Read-only: what happened is not added, changed or deleted by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(HistoryAdmin):
    """The activity log."""

    list_display = ["created_at", "actor", "verb", "target_type", "target_id"]
    list_filter = ["verb", "target_type"]
    list_select_related = ["actor", "target_type"]
    search_fields = ["verb", "actor__email"]
    date_hierarchy = "created_at"
