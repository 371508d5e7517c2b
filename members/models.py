"""Accounts and the member's public face: the profile, interests and skills."""

import unicodedata

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from common.tags import TagManager
from common.urls import cached_reverse


def unidecode_ascii(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. Log-in is by email; everything others see lives on the Profile."""

    email = models.EmailField(_("email address"), unique=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Staff manage the community and may use the admin."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.email

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user._loaded_is_active = user.__dict__.get("is_active")
        return user

    def get_full_name(self):
        return self.profile.display_name or self.email

    def get_short_name(self):
        return self.get_full_name()


class Interest(TagBase):
    """A subject members care about (food security, housing, arts...)."""

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["name"]


class Skill(TagBase):
    """Something a member can help with or is looking for."""

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]


class ProfileQuerySet(models.QuerySet):
    def for_cards(self, *, interests=True):
        """What a member card shows: the account (whose rule lists the profile), the
        profile's short fields and its interests (unless the caller has them); not the
        skills nor the long texts."""
        profiles = self.select_related("user").defer("bio", "languages", "website", "linkedin")
        return profiles.prefetch_related("interests") if interests else profiles


class Region(models.TextChoices):
    """Québec's administrative regions, plus elsewhere."""

    BAS_SAINT_LAURENT = "01", "Bas-Saint-Laurent"
    SAGUENAY = "02", "Saguenay–Lac-Saint-Jean"
    CAPITALE_NATIONALE = "03", "Capitale-Nationale"
    MAURICIE = "04", "Mauricie"
    ESTRIE = "05", "Estrie"
    MONTREAL = "06", "Montréal"
    OUTAOUAIS = "07", "Outaouais"
    ABITIBI = "08", "Abitibi-Témiscamingue"
    COTE_NORD = "09", "Côte-Nord"
    NORD_DU_QUEBEC = "10", "Nord-du-Québec"
    GASPESIE = "11", "Gaspésie–Îles-de-la-Madeleine"
    CHAUDIERE_APPALACHES = "12", "Chaudière-Appalaches"
    LAVAL = "13", "Laval"
    LANAUDIERE = "14", "Lanaudière"
    LAURENTIDES = "15", "Laurentides"
    MONTEREGIE = "16", "Montérégie"
    CENTRE_DU_QUEBEC = "17", "Centre-du-Québec"
    OUTSIDE = "99", _("Outside Québec")


SPOKEN_LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("ht", _("Haitian Creole")),
    ("pt", _("Portuguese")),
    ("it", _("Italian")),
    ("vi", _("Vietnamese")),
    ("iu", _("Inuktitut")),
    ("cr", _("Cree")),
    ("asl", _("American Sign Language")),
    ("lsq", _("Quebec Sign Language")),
]


class Profile(models.Model):
    """What a member shows of themselves, and to whom."""

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Members only")
        PUBLIC = "public", _("Public")
        HIDDEN = "hidden", _("Hidden")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    handle = models.SlugField(
        _("handle"),
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("How others mention you: @handle."),
    )
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    bio = models.TextField(_("bio"), max_length=2000, blank=True)
    organization = models.CharField(_("organization"), max_length=120, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=2, choices=Region.choices, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    website = models.URLField(_("website"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    avatar_thumbnail = models.ImageField(upload_to="avatars/thumbs/", blank=True, editable=False)
    visibility = models.CharField(
        _("who can see my profile"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Used for the emails Maillage sends you."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    interests = TaggableManager(
        manager=TagManager,
        verbose_name=_("interests"),
        through="TaggedInterest",
        blank=True,
        related_name="profiles",
        help_text=_("Separate with commas."),
    )
    skills_offered = TaggableManager(
        manager=TagManager,
        verbose_name=_("can help with"),
        through="TaggedSkillOffered",
        blank=True,
        related_name="profiles_offering",
        help_text=_("Separate with commas."),
    )
    skills_sought = TaggableManager(
        manager=TagManager,
        verbose_name=_("looking for"),
        through="TaggedSkillSought",
        blank=True,
        related_name="profiles_seeking",
        help_text=_("Separate with commas."),
    )

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        ordering = ["display_name", "pk"]
        indexes = [
            models.Index(fields=["region"]),
            models.Index(fields=["visibility"]),
            # The directory: members by name, a page at a time.
            models.Index(fields=["display_name", "id"], name="profile_directory_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=["members", "public", "hidden"]),
                name="profile_visibility_known",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.handle and self.display_name:
            self.handle = self._free_handle()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "handle"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("members:profile", self.pk)

    @classmethod
    def from_db(cls, db, field_names, values):
        profile = super().from_db(db, field_names, values)
        profile._loaded_visibility = profile.__dict__.get("visibility")
        return profile

    def _free_handle(self):
        """A handle from the display name, kept once given so mentions keep working."""
        base = slugify(unidecode_ascii(self.display_name))[:50] or "membre"
        taken = set(
            Profile.objects.filter(handle__startswith=base)
            .exclude(pk=self.pk)
            .values_list("handle", flat=True)
        )
        handle, number = base, 2
        while handle in taken:
            handle, number = f"{base}-{number}", number + 1
        return handle

    @property
    def name(self):
        return self.name_from(self.display_name, self.user.email)

    @staticmethod
    def name_from(display_name, email):
        """A profile's name from its columns alone, for lists read without models."""
        return display_name or email.split("@")[0]

    @property
    def initials(self):
        return self.initials_from(self.name)

    @staticmethod
    def initials_from(name):
        """The initials an avatar shows for a name, for lists read without models."""
        parts = [part for part in name.replace("-", " ").split() if part]
        return "".join(part[0] for part in parts[:2]).upper() or "?"

    def spoken_language_names(self):
        names = dict(SPOKEN_LANGUAGES)
        return [names[code] for code in self.languages if code in names]


class TaggedInterest(ItemBase):
    tag = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="tagged_profiles")
    content_object = models.ForeignKey(Profile, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("profile interest")
        verbose_name_plural = _("profile interests")
        unique_together = [("content_object", "tag")]


class TaggedSkillOffered(ItemBase):
    tag = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="offered_by")
    content_object = models.ForeignKey(Profile, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("skill offered")
        verbose_name_plural = _("skills offered")
        unique_together = [("content_object", "tag")]


class TaggedSkillSought(ItemBase):
    tag = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="sought_by")
    content_object = models.ForeignKey(Profile, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("skill sought")
        verbose_name_plural = _("skills sought")
        unique_together = [("content_object", "tag")]


class MembershipTier(models.Model):
    """A level of membership the organization offers (individual, organization, student…)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("membership tier")
        verbose_name_plural = _("membership tiers")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self, today=None):
        today = today or timezone.localdate()
        return self.filter(starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )


class Membership(models.Model):
    """A member's membership in a tier, for a period: renewing adds a new period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    tier = models.ForeignKey(
        MembershipTier, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("tier")
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Empty: does not expire.")
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-starts_on", "pk"]
        indexes = [models.Index(fields=["user", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.tier}"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A membership ends after it starts.")})

    def is_active(self, today=None):
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)
