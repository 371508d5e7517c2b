from django.contrib import admin
from django.contrib.sites.admin import SiteAdmin as DjangoSiteAdmin
from django.contrib.sites.models import Site
from taggit.models import Tag

from common.admin import ModelAdmin, guard
from community.models import Notification


@admin.register(Notification)
class NotificationAdmin(ModelAdmin):
    """Notifications are sent by what happens on the site (community.notifications): here
    they are read, never written by hand."""

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

    def has_add_permission(self, request):
        return False


admin.site.unregister(Site)


@admin.register(Site)
class SiteAdmin(ModelAdmin, DjangoSiteAdmin):
    """Maillage is one site (SITE_ID): its name and domain change here, no other is added
    (its migration sets the first one's id, so a second one would take that id again on
    PostgreSQL) and it is never deleted."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# taggit's own Tag holds nothing here (interests and skills are tags of their own, in the
# members admin), and its "merge tags" page fails when opened directly: not shown.
admin.site.unregister(Tag)
# The admins of the packages Maillage uses (allauth, auth) get the same guards
# against forged input as ours; community's admin is imported last.
guard(admin.site)
