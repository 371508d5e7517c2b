from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from members.models import Interest, Profile, Skill, User


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = [
        "display_name",
        "pronouns",
        "organization",
        "role",
        "region",
        "languages",
        "bio",
        "visibility",
        "language",
    ]


class MemberCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class MemberChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = MemberChangeForm
    add_form = MemberCreationForm
    inlines = [ProfileInline]
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "profile__region"]
    list_select_related = ["profile"]
    search_fields = ["email", "profile__display_name", "profile__organization"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]

    @admin.display(description=_("display name"), ordering="profile__display_name")
    def display_name(self, user):
        return user.profile.display_name


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "organization", "region", "visibility", "language"]
    list_filter = ["visibility", "region", "language"]
    list_select_related = ["user"]
    search_fields = ["display_name", "user__email", "organization", "role"]
    readonly_fields = ["user", "updated_at"]
    exclude = ["avatar_thumbnail"]


@admin.register(Interest, Skill)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
