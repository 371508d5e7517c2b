from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import ModelAdmin, StackedInline, TabularInline
from members import services
from members.models import (
    SPOKEN_LANGUAGES,
    Interest,
    Membership,
    MembershipTier,
    Profile,
    Skill,
    User,
)


class ProfileAdminForm(forms.ModelForm):
    """The languages spoken are chosen from the list, as on the site: typed as JSON, an
    empty box would store nothing where a list is expected."""

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Profile
        fields = ["languages"]  # the admins list the rest


class ProfileInline(StackedInline):
    model = Profile
    form = ProfileAdminForm
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


class MembershipInline(TabularInline):
    model = Membership
    extra = 0
    fields = ["tier", "starts_on", "ends_on"]


class MemberCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class MemberChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(ModelAdmin, DjangoUserAdmin):
    form = MemberChangeForm
    add_form = MemberCreationForm
    inlines = [ProfileInline, MembershipInline]
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

    def get_inlines(self, request, obj):
        # A new member's profile is made with the account (members.signals): its inline
        # would make a second one. Staff fill it in on the next page.
        return self.inlines if obj is not None else []

    @admin.display(description=_("display name"), ordering="profile__display_name")
    def display_name(self, user):
        return user.profile.display_name


@admin.register(Profile)
class ProfileAdmin(ModelAdmin):
    """Profiles are made with their member's account: here they are read and changed."""

    form = ProfileAdminForm
    list_display = ["display_name", "user", "organization", "region", "visibility", "language"]
    list_filter = ["visibility", "region", "language"]
    list_select_related = ["user"]
    search_fields = ["display_name", "user__email", "organization", "role"]
    readonly_fields = ["user", "updated_at", "avatar"]  # set by the member, re-encoded
    exclude = ["avatar_thumbnail"]
    actions = ["remove_avatars"]

    @admin.action(description=_("Remove the avatar of the selected profiles"))
    def remove_avatars(self, request, queryset):
        removed = 0
        for profile in queryset.exclude(avatar=""):
            services.remove_avatar(profile=profile)
            self.log_change(request, profile, _("Removed the avatar."))
            removed += 1
        self.message_user(
            request,
            ngettext("%(count)d avatar removed.", "%(count)d avatars removed.", removed)
            % {"count": removed},
        )

    def has_add_permission(self, request):
        return False


@admin.register(Interest, Skill)
class TagAdmin(ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(MembershipTier)
class MembershipTierAdmin(ModelAdmin):
    list_display = ["name", "position", "active_members"]
    search_fields = ["name"]

    def get_queryset(self, request):
        today = timezone.localdate()
        active = Q(memberships__starts_on__lte=today) & (
            Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today)
        )
        return (
            super()
            .get_queryset(request)
            .annotate(active_count=Count("memberships__user", filter=active, distinct=True))
        )

    @admin.display(description=_("active members"), ordering="active_count")
    def active_members(self, tier):
        return tier.active_count


@admin.register(Membership)
class MembershipAdmin(ModelAdmin):
    list_display = ["user", "tier", "starts_on", "ends_on"]
    list_filter = ["tier", "ends_on"]
    list_select_related = ["user", "tier"]
    search_fields = ["user__email", "user__profile__display_name"]
    autocomplete_fields = ["user"]
    date_hierarchy = "starts_on"
