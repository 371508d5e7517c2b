"""Spaces: where members gather around a theme, discuss slowly (threads) and keep answers."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase

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
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


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
        return reverse("spaces:detail", args=[self.slug])


class TaggedSpaceInterest(ItemBase):
    tag = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="tagged_spaces")
    content_object = models.ForeignKey(Space, on_delete=models.CASCADE)

    class Meta:
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
        indexes = [models.Index(fields=["user", "state"])]

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


class PostQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_hidden=False)


class Post(models.Model):
    """What threads and replies share: an author, a Markdown body, edits, soft deletion."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"))
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_deleted(self):
        return self.deleted_at is not None


class Thread(Post):
    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        QUESTION = "question", _("Question")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=160)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DISCUSSION)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    accepted_reply = models.OneToOneField(
        "Reply", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    reply_count = models.PositiveIntegerField(default=0)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    interests = TaggableManager(
        verbose_name=_("tags"), through="TaggedThreadInterest", blank=True, related_name="threads"
    )

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-is_pinned", "-last_activity_at", "-pk"]
        indexes = [models.Index(fields=["space", "-is_pinned", "-last_activity_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_reply__isnull=True) | Q(kind="question"),
                name="only_questions_have_answers",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("spaces:thread", args=[self.space.slug, self.pk])

    @property
    def is_question(self):
        return self.kind == self.Kind.QUESTION

    @property
    def is_answered(self):
        return self.accepted_reply_id is not None


class TaggedThreadInterest(ItemBase):
    tag = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="tagged_threads")
    content_object = models.ForeignKey(Thread, on_delete=models.CASCADE)

    class Meta:
        unique_together = [("content_object", "tag")]


class Reply(Post):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self):
        return f"#{self.pk} in {self.thread_id}"

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}#reply-{self.pk}"


class Reaction(models.Model):
    """One emoji from a small fixed set, once per member per post."""

    class Emoji(models.TextChoices):
        THUMBS_UP = "👍", _("Thumbs up")
        HEART = "❤️", _("Heart")
        CLAP = "👏", _("Applause")
        IDEA = "💡", _("Good idea")
        THANKS = "🙏", _("Thank you")
        LAUGH = "😄", _("Laugh")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="reactions"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="reactions"
    )
    emoji = models.CharField(max_length=8, choices=Emoji.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=True) ^ Q(reply__isnull=True),
                name="reaction_on_one_post",
            ),
            models.UniqueConstraint(
                fields=["user", "thread", "emoji"],
                condition=Q(thread__isnull=False),
                name="one_reaction_per_thread_emoji",
            ),
            models.UniqueConstraint(
                fields=["user", "reply", "emoji"],
                condition=Q(reply__isnull=False),
                name="one_reaction_per_reply_emoji",
            ),
        ]

    def __str__(self):
        return f"{self.emoji} by {self.user_id}"


class Attachment(models.Model):
    """A file or image attached to a thread or a reply, checked by content at upload."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to="private/attachments/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    is_image = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=True) ^ Q(reply__isnull=True),
                name="attachment_on_one_post",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        post = self.thread or self.reply.thread
        return reverse("spaces:attachment", args=[post.space.slug, self.pk])


class Mention(models.Model):
    """A member named with @ in a post; the notification comes from the activity log."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="mentions")
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )

    def __str__(self):
        return f"@{self.user_id} in {self.thread_id}"


class ThreadVisit(models.Model):
    """When a member last read a thread: what came after is unread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="visits")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="one_visit_per_thread")
        ]

    def __str__(self):
        return f"{self.user_id} saw {self.thread_id} at {self.seen_at}"


class ChatMessage(models.Model):
    """A live chat message in a space. Its id orders the conversation; a client's own id
    (client_id) lets a reconnecting client resend without duplicating."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="chat_messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=2000)
    client_id = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        ordering = ["pk"]
        indexes = [models.Index(fields=["space", "-id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_id"],
                condition=~Q(client_id=""),
                name="one_chat_message_per_client_id",
            )
        ]

    def __str__(self):
        return f"#{self.pk} in {self.space_id}"


class ChatPresence(models.Model):
    """One open chat page: who is here now, across every web process."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["space", "seen_at"])]

    def __str__(self):
        return f"{self.user_id} in {self.space_id}"


class Report(models.Model):
    """A member's report of a post or chat message to the space's moderators."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        HARASSMENT = "harassment", _("Harassment or hate")
        PRIVACY = "privacy", _("Personal information shared without consent")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    chat_message = models.ForeignKey(
        "ChatMessage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    direct_message = models.ForeignKey(
        "DirectMessage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(thread__isnull=False, reply__isnull=True, chat_message__isnull=True)
                    & Q(direct_message__isnull=True)
                    | Q(thread__isnull=True, reply__isnull=False, chat_message__isnull=True)
                    & Q(direct_message__isnull=True)
                    | Q(thread__isnull=True, reply__isnull=True, chat_message__isnull=False)
                    & Q(direct_message__isnull=True)
                    | Q(thread__isnull=True, reply__isnull=True, chat_message__isnull=True)
                    & Q(direct_message__isnull=False, space__isnull=True)
                ),
                name="report_on_one_item",
            )
        ]

    def __str__(self):
        return f"report #{self.pk} in {self.space_id}"

    @property
    def item(self):
        return self.thread or self.reply or self.chat_message or self.direct_message

    @property
    def is_open(self):
        return self.resolved_at is None


class ModerationAction(models.Model):
    """What a moderator did, to whom or what, when and why: the space's moderation record."""

    class Kind(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        DISMISS = "dismiss", _("Report dismissed")
        MUTE = "mute", _("Muted")
        UNMUTE = "unmute", _("Unmuted")
        REMOVE = "remove", _("Removed from the space")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="moderation_actions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.CharField(max_length=300, blank=True)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} in {self.space_id}"


class Conversation(models.Model):
    """A private conversation between two to ten members. Staff cannot read it; only a
    reported message reaches the moderation queue."""

    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at"]

    def __str__(self):
        return f"conversation #{self.pk}"

    def get_absolute_url(self):
        return reverse("direct:conversation", args=[self.pk])


class Participant(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations"
    )
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_seat_per_member")
        ]

    def __str__(self):
        return f"{self.user_id} in {self.conversation_id}"


class DirectMessage(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=2000)
    client_id = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("direct message")
        verbose_name_plural = _("direct messages")
        ordering = ["pk"]
        indexes = [models.Index(fields=["conversation", "-id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_id"],
                condition=~Q(client_id=""),
                name="one_direct_message_per_client_id",
            )
        ]

    def __str__(self):
        return f"#{self.pk} in conversation {self.conversation_id}"


class Block(models.Model):
    """A member who blocks another: no private message either way."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocked_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="no_self_block"),
        ]

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"
