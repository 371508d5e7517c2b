from django.contrib import admin

from community.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "verb", "title", "read_at", "emailed_at"]
    list_filter = ["verb"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "title"]
    readonly_fields = [
        "recipient",
        "actor",
        "verb",
        "title",
        "url",
        "created_at",
        "read_at",
        "emailed_at",
    ]
