"""Who may do what in a space.

One read of the member's membership per request gives an ``Access``; every view
calls a ``check_*`` with it before anything else. Secret spaces answer 404 to
anyone not in them, so their existence is not disclosed.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from common.prepared import ID, TEXT, Prepared
from spaces.models import Membership, Space, SpacePolicy


@dataclass(frozen=True)
class Access:
    user: object
    space: Space
    membership: Membership | None

    @property
    def is_staff(self):
        return self.user.is_authenticated and self.user.is_staff

    @property
    def is_member(self):
        return self.membership is not None and self.membership.is_active

    @property
    def is_invited(self):
        return self.membership is not None and self.membership.state == Membership.State.INVITED

    @property
    def has_requested(self):
        return self.membership is not None and self.membership.state == Membership.State.REQUESTED

    @property
    def can_see(self):
        if not self.user.is_authenticated:
            return False
        if self.is_staff or self.membership is not None:
            return True
        return self.space.visibility != Space.Visibility.SECRET

    @property
    def can_read(self):
        if self.is_staff or self.is_member:
            return True
        return self.user.is_authenticated and self.space.visibility == Space.Visibility.OPEN

    @property
    def is_muted(self):
        return self.membership is not None and self.membership.is_muted

    @property
    def can_post(self):
        return (
            (self.is_member or self.is_staff) and not self.space.is_archived and not self.is_muted
        )

    @property
    def can_moderate(self):
        return self.is_staff or (self.membership is not None and self.membership.moderates)

    @property
    def can_manage(self):
        return self.is_staff or (self.is_member and self.membership.role == Membership.Role.OWNER)

    @property
    def can_join(self):
        return (
            self.user.is_authenticated
            and self.membership is None
            and self.space.visibility != Space.Visibility.SECRET
            and not self.space.is_archived
        )


def access_to(user, space):
    membership = None
    if user.is_authenticated:
        membership = Membership.objects.filter(space=space, user=user).first()
    return Access(user=user, space=space, membership=membership)


def space_and_access(user, slug):
    """The space of `slug` (None when there is none) and the person's access to it: for
    someone with a membership, one query (the membership with its space)."""
    if user.is_authenticated:
        found = _MEMBERSHIP_AND_SPACE(slug=slug, user=user.pk)
        membership = found[0] if found else None
        if membership is not None:
            return membership.space, Access(
                user=user, space=membership.space, membership=membership
            )
    space = Space.objects.filter(slug=slug).first()
    if space is None:
        return None, None
    return space, Access(user=user, space=space, membership=None)


# Every page of a space starts with this read: compiled once (common.prepared).
_MEMBERSHIP_AND_SPACE = Prepared(
    lambda slug, user: (
        Membership.objects.select_related("space")
        .filter(space__slug=slug, user=user)
        .order_by("pk")[:1]
    ),
    slug=TEXT,
    user=ID,
)


def visible_spaces(user, queryset):
    """Spaces a person may know of: all but secret ones, plus the secret ones they are in."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_staff:
        return queryset
    # A subquery, not a join: a join repeats each space once per member (then DISTINCT
    # sorts them all back, member counts included).
    return queryset.filter(
        ~Q(visibility=Space.Visibility.SECRET)
        | Q(pk__in=Membership.objects.filter(user=user).values("space"))
    )


def readable_spaces(user, queryset):
    """Spaces whose discussions a person may read: open ones and those they are a member
    of; staff read all."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_staff:
        return queryset
    return queryset.filter(
        Q(visibility=Space.Visibility.OPEN)
        | Q(
            pk__in=Membership.objects.filter(user=user, state=Membership.State.ACTIVE).values(
                "space"
            )
        )
    )


def active_space_ids(user):
    """The spaces a person takes part in (an active membership), as a subquery: what a
    space's audience means to another app (events for a space's members)."""
    return Membership.objects.filter(user=user, state=Membership.State.ACTIVE).values("space_id")


def is_active_member(user, space_id):
    return (
        user.is_authenticated
        and Membership.objects.filter(
            space_id=space_id, user=user, state=Membership.State.ACTIVE
        ).exists()
    )


def may_know_space(user, space):
    """Whether a person may be told that a space exists and its name: anyone, but for a
    secret space, which only the people it knows of (any membership) and staff may."""
    if space.visibility != Space.Visibility.SECRET:
        return True
    return user.is_authenticated and (
        user.is_staff or Membership.objects.filter(space=space, user=user).exists()
    )


def visible_threads(user, queryset):
    """Threads a person may read: in a space they may read, not deleted, and not hidden
    unless they moderate its space. Everything derived from a thread (feed, knowledge,
    notifications and their emails) follows this rule."""
    readable = readable_spaces(user, Space.objects.all()).values("pk")
    moderated = moderated_spaces(user, Space.objects.all()).values("pk")
    return queryset.filter(space__in=readable, deleted_at=None).filter(
        Q(is_hidden=False) | Q(space__in=moderated)
    )


def visible_replies(user, queryset):
    """Replies a person may read: neither deleted nor hidden, in a thread that is not hidden
    (hidden ones: to the space's moderators), in a space they may read. A thread its author
    deleted keeps its replies: its place stays, only its own words go."""
    readable = readable_spaces(user, Space.objects.all()).values("pk")
    moderated = moderated_spaces(user, Space.objects.all()).values("pk")
    return queryset.filter(thread__space__in=readable, deleted_at=None).filter(
        Q(is_hidden=False, thread__is_hidden=False) | Q(thread__space__in=moderated)
    )


def check_see_space_permission(access):
    if not access.can_see:
        raise Http404


def check_read_space_permission(access):
    check_see_space_permission(access)
    if not access.can_read:
        raise PermissionDenied(_("Join this space to read its discussions."))


def check_read_thread_permission(access, thread):
    """A thread a moderator hid is for the space's moderators (404 to others). A thread its
    author deleted keeps its page: its replies stay."""
    check_read_space_permission(access)
    if thread.is_hidden and not access.can_moderate:
        raise Http404


def check_post_permission(access, thread=None):
    check_read_space_permission(access)
    if access.is_muted:
        raise PermissionDenied(
            _("A moderator muted you in this space until %(until)s.")
            % {"until": date_format(localtime(access.membership.muted_until), "DATETIME_FORMAT")}
        )
    if not access.can_post:
        raise PermissionDenied(_("Join this space to take part."))
    if thread is not None and thread.is_locked and not access.can_moderate:
        raise PermissionDenied(_("This thread is locked."))


def check_moderate_permission(access):
    check_see_space_permission(access)
    if not access.can_moderate:
        raise PermissionDenied(_("Only the space's moderators can do this."))


def check_moderate_member_permission(access, membership):
    """Mute, unmute or remove a member: the space's moderators and staff, never on
    themselves; only staff act on the space's owner (and even staff cannot remove one)."""
    check_moderate_permission(access)
    if membership.user_id == access.user.pk:
        raise PermissionDenied(_("Moderators do not moderate themselves."))
    if membership.role == Membership.Role.OWNER and not access.is_staff:
        raise PermissionDenied(_("Only staff can moderate the space's owner."))


def check_report_permission(access, item=None):
    """Readers of the space report what they can read: a hidden or deleted post or chat
    message is not there for them (404); moderators already handle hidden ones."""
    check_read_space_permission(access)
    if not access.user.is_authenticated:
        raise PermissionDenied
    if item is not None and not can_read_item(access, item):
        raise Http404


def can_read_item(access, item):
    """A post or chat message the member may read here: not deleted (a reply stays when its
    thread is deleted), and neither it nor its thread hidden, but for moderators."""
    if getattr(item, "deleted_at", None) is not None:
        return False
    hidden = item.is_hidden or (hasattr(item, "thread") and item.thread.is_hidden)
    return access.can_moderate or not hidden


def moderated_spaces(user, queryset):
    """Spaces whose reports a person handles: staff all of them, moderators their own."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_staff:
        return queryset
    return queryset.filter(
        pk__in=Membership.objects.filter(
            user=user,
            state=Membership.State.ACTIVE,
            role__in=[Membership.Role.OWNER, Membership.Role.MODERATOR],
        ).values("space")
    )


def check_moderation_queue_permission(user):
    if not user.is_authenticated or not (
        user.is_staff
        or Membership.objects.filter(
            user=user,
            state=Membership.State.ACTIVE,
            role__in=[Membership.Role.OWNER, Membership.Role.MODERATOR],
        ).exists()
    ):
        raise PermissionDenied(_("Only moderators can see reports."))


def check_manage_space_permission(access):
    check_see_space_permission(access)
    if not access.can_manage:
        raise PermissionDenied(_("Only the space's owner can do this."))


def check_join_permission(access):
    check_see_space_permission(access)
    if not (access.can_join or access.is_invited):
        raise PermissionDenied(_("You cannot join this space."))


def check_edit_post_permission(access, post):
    check_post_permission(access)
    if post.author_id != access.user.pk or post.is_deleted or post.is_hidden:
        raise PermissionDenied(_("Only the author can change this message."))


def check_download_attachment_permission(access, attachment):
    """Readers of the space, while the post stands (can_read_item). A hidden post's files (a
    hidden thread's replies included) go to moderators and staff only, who review it; a
    deleted post's to nobody. Every refusal is a 404: whether a file exists is not told."""
    if not (access.can_see and access.can_read):
        raise Http404
    if not can_read_item(access, attachment.reply or attachment.thread):
        raise Http404


def check_accept_answer_permission(access, thread):
    check_read_space_permission(access)
    if not thread.is_question:
        raise PermissionDenied(_("Only questions have accepted answers."))
    if not (thread.author_id == access.user.pk or access.can_moderate):
        raise PermissionDenied(_("Only the question's author or a moderator can do this."))


def check_create_space_permission(user):
    if not user.is_authenticated:
        raise PermissionDenied
    if not (user.is_staff or SpacePolicy.current().members_may_create_spaces):
        raise PermissionDenied(_("Only staff can create spaces."))
