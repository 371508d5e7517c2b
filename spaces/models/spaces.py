"""Spaces, their rules and who is in them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase

from common.tags import TagManager
from common.urls import cached_reverse
from members.models import Interest


class SpacePolicy(models.Model):
    """Site-wide rules for spaces, edited by staff in the admin. One row."""

    members_may_create_spaces = models.BooleanField(
        _("members may create spaces"),
        default=False,
        help_text=_("When off, only staff create spaces."),
    )
    members_may_message_strangers = models.BooleanField(
        _("members who share no space may write to each other"),
        default=False,
        help_text=_("When off, a member writes privately only to members of a space they share."),
    )

    class Meta:
        verbose_name = _("space rules")
        verbose_name_plural = _("space rules")

    def __str__(self):
        return str(_("Space rules"))

    @classmethod
    def current(cls):
        """The rules in force: the saved row, or the defaults until staff save one (reading
        them never writes)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class SpaceQuerySet(models.QuerySet):
    def listed(self):
        return self.exclude(visibility=Space.Visibility.SECRET).filter(is_archived=False)


class Space(models.Model):
    class Visibility(models.TextChoices):
        OPEN = "open", _("Open: any member can join")
        PRIVATE = "private", _("Private: members ask to join; content hidden from others")
        SECRET = "secret", _("Secret: by invitation only, not listed")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("address"), max_length=110, unique=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    cover = models.ImageField(_("cover image"), upload_to="spaces/covers/", blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    is_archived = models.BooleanField(_("archived"), default=False)

    interests = TaggableManager(
        manager=TagManager,
        verbose_name=_("interests"),
        through="TaggedSpaceInterest",
        blank=True,
        related_name="spaces",
    )

    objects = SpaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("spaces:detail", self.slug)


class TaggedSpaceInterest(ItemBase):
    tag = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="tagged_spaces")
    content_object = models.ForeignKey(Space, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("space interest")
        verbose_name_plural = _("space interests")
        unique_together = [("content_object", "tag")]


class Membership(models.Model):
    """A member's place in a space: their role, and whether they are in, asking or invited."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MODERATOR = "moderator", _("Moderator")
        MEMBER = "member", _("Member")

    class State(models.TextChoices):
        ACTIVE = "active", _("Member")
        REQUESTED = "requested", _("Asked to join")
        INVITED = "invited", _("Invited")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    muted_until = models.DateTimeField(_("muted until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="one_membership_per_space")
        ]
        indexes = [
            models.Index(fields=["user", "state"]),
            # A space's members and requests to join, counted by state (index only).
            models.Index(fields=["space", "state"], name="space_membership_state"),
        ]

    def __str__(self):
        return f"{self.user_id} in {self.space_id} ({self.role}, {self.state})"

    @property
    def is_active(self):
        return self.state == self.State.ACTIVE

    @property
    def is_muted(self):
        return self.muted_until is not None and self.muted_until > timezone.now()

    @property
    def moderates(self):
        return self.is_active and self.role in (self.Role.OWNER, self.Role.MODERATOR)
