"""Threads and replies, their reactions, attachments, mentions and visits."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase

from common.files import private_storage
from common.tags import TagManager
from common.urls import cached_reverse
from members.models import Interest
from spaces.models.spaces import Space

# What every list shows of posts: neither hidden by a moderator nor deleted.
SHOWN = Q(is_hidden=False, deleted_at__isnull=True)


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
        manager=TagManager,
        verbose_name=_("tags"),
        through="TaggedThreadInterest",
        blank=True,
        related_name="threads",
    )

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-is_pinned", "-last_activity_at", "-pk"]
        indexes = [
            models.Index(fields=["space", "-is_pinned", "-last_activity_at"]),
            # A space's page: its shown threads, pinned first, and how many (index only).
            models.Index(
                fields=["space", "-is_pinned", "-last_activity_at"],
                condition=SHOWN,
                name="thread_shown_space_order",
            ),
            # The home feed: the newest threads of the member's spaces.
            models.Index(fields=["-created_at"], condition=SHOWN, name="thread_shown_newest"),
            # The home feed: the latest answers accepted in the member's spaces.
            models.Index(
                fields=["-answered_at"],
                condition=SHOWN & Q(accepted_reply__isnull=False),
                name="thread_answered_newest",
            ),
            # A space's knowledge page: its answered questions, latest first, and how many.
            models.Index(
                fields=["space", "-answered_at", "-id"],
                condition=SHOWN & Q(accepted_reply__isnull=False, kind="question"),
                name="thread_answered_in_space",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_reply__isnull=True) | Q(kind="question"),
                name="only_questions_have_answers",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("spaces:thread", self.space.slug, self.pk)

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
        verbose_name = _("thread interest")
        verbose_name_plural = _("thread interests")
        unique_together = [("content_object", "tag")]


class Reply(Post):
    # No index of its own: reply_thread_order starts with it.
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="replies", db_index=False
    )

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]
        # A thread's replies in their order, with nothing left to sort: PostgreSQL then
        # walks this index for a thread of 5 replies or of 2,000 alike, so the page's query
        # keeps one plan for every thread (planned once per connection, common.prepared).
        # With the thread's own index beside it, that plan read a long thread whole and
        # sorted it (15 ms against 0.2 on the large data set).
        indexes = [models.Index(fields=["thread", "created_at", "id"], name="reply_thread_order")]

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
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
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
    """A file or image attached to a thread or a reply, checked by content at upload; kept
    in the private storage, outside the public media tree (spaces.views.posts.attachment
    sends it)."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to="attachments/%Y/%m/", storage=private_storage)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    is_image = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
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

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")

    def __str__(self):
        return f"@{self.user_id} in {self.thread_id}"


class ThreadVisit(models.Model):
    """When a member last read a thread: what came after is unread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="visits")
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("thread visit")
        verbose_name_plural = _("thread visits")
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="one_visit_per_thread")
        ]

    def __str__(self):
        return f"{self.user_id} saw {self.thread_id} at {self.seen_at}"
