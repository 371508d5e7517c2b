from django.contrib import admin

from common.admin import ModelAdmin, TabularInline
from common.live import access_changed
from spaces import services
from spaces.models import Membership, Reply, Space, SpacePolicy, Thread
from spaces.services import chat


class MembershipInline(TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at", "joined_at", "invited_by"]
    fk_name = "space"


@admin.register(Space)
class SpaceAdmin(ModelAdmin):
    list_display = ["name", "visibility", "language", "last_activity_at", "is_archived"]
    list_filter = ["visibility", "language", "is_archived"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["cover"]  # set on the space's page, where it is re-encoded
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        """As spaces.services.update_space: open chats re-check who may read."""
        super().save_model(request, obj, form, change)
        if change and "visibility" in form.changed_data:
            access_changed(scope="space", pk=obj.pk, groups=[chat.chat_group(obj.pk)])

    def save_formset(self, request, form, formset, change):
        """Members taken out or changed here (state, role) have their sockets re-check."""
        super().save_formset(request, form, formset, change)
        if formset.model is Membership:
            changed = [m for m, _fields in formset.changed_objects] + formset.deleted_objects
            users = {membership.user_id for membership in changed}
            access_changed(scope="space", pk=form.instance.pk, users=sorted(users))


class PostAdmin(ModelAdmin):
    """A post's text changed here is rendered again, as when its author edits it."""

    def save_model(self, request, obj, form, change):
        if not change:
            services.render_body(obj)
            super().save_model(request, obj, form, change)
        elif "body" in form.changed_data:
            columns = {field.name for field in obj._meta.concrete_fields}
            services.edit_post(
                editor=request.user,
                post=obj,
                body=obj.body,
                fields=[name for name in form.changed_data if name in columns],
            )
        else:
            super().save_model(request, obj, form, change)


@admin.register(Thread)
class ThreadAdmin(PostAdmin):
    list_display = [
        "title",
        "space",
        "author",
        "kind",
        "reply_count",
        "is_pinned",
        "is_locked",
        "is_hidden",
    ]
    list_filter = ["kind", "is_pinned", "is_locked", "is_hidden", "space"]
    list_select_related = ["space", "author"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author", "accepted_reply"]
    readonly_fields = ["body_html", "created_at", "edited_at", "deleted_at", "reply_count"]


@admin.register(Reply)
class ReplyAdmin(PostAdmin):
    list_display = ["pk", "thread", "author", "created_at", "is_hidden"]
    list_filter = ["is_hidden"]
    list_select_related = ["thread", "author"]
    search_fields = ["body"]
    raw_id_fields = ["author", "thread"]
    readonly_fields = ["body_html", "created_at", "edited_at", "deleted_at"]


@admin.register(SpacePolicy)
class SpacePolicyAdmin(ModelAdmin):
    def has_add_permission(self, request):
        return not SpacePolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
