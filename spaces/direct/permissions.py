"""Who may write to whom in direct messages, and who may see a conversation.

Who may write to whom: nobody blocked either way; members who share an active space, or
anyone when the site's space rules allow it; at most ten in a conversation. Staff have no
reading access: only a message a participant reports reaches them.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from members.models import Profile
from members.permissions import can_view_profile, listed_profiles, shown_person
from spaces.models import Block, Membership, Participant, SpacePolicy

MAX_PARTICIPANTS = 10


def check_participant(user, conversation, *, participant_ids=None):
    """Only a conversation's participants know it exists (404 for anyone else).
    `participant_ids`: the participants' accounts, where the page has read them."""
    if not user.is_authenticated:
        raise Http404
    if participant_ids is None:
        if not conversation.participants.filter(user=user).exists():
            raise Http404
    elif user.pk not in participant_ids:
        raise Http404


def shares_conversation(user, other):
    return Participant.objects.filter(user=other, conversation__participants__user=user).exists()


def check_block_permission(user, other):
    """A member blocks someone they may see, or someone they write with; anyone else is
    unknown to them (404). Returns the name to show them."""
    if not user.is_authenticated or other.pk == user.pk:
        raise Http404
    together = shares_conversation(user, other)
    if not (together or can_view_profile(user, other.profile)):
        raise Http404
    return shown_person(user, other.profile, as_author=together).name


def check_message_permission(sender, recipients):
    """Raise PermissionDenied, with the reason, unless the sender may write to all of them."""
    others = [user for user in recipients if user.pk != sender.pk]
    if not others:
        raise PermissionDenied(_("Choose at least one member to write to."))
    if len(others) + 1 > MAX_PARTICIPANTS:
        raise PermissionDenied(
            _("A conversation has at most %(max)s members.") % {"max": MAX_PARTICIPANTS}
        )
    if any(not user.is_active for user in others):
        raise PermissionDenied(_("This member's account is closed."))
    ids = [user.pk for user in others]
    if Block.objects.filter(
        Q(blocker=sender, blocked_id__in=ids) | Q(blocker_id__in=ids, blocked=sender)
    ).exists():
        raise PermissionDenied(_("You cannot write to a member you blocked or who blocked you."))
    if sender.is_staff or SpacePolicy.current().members_may_message_strangers:
        return
    my_spaces = Membership.objects.filter(user=sender, state=Membership.State.ACTIVE).values(
        "space"
    )
    sharing = set(
        Membership.objects.filter(
            user_id__in=ids, state=Membership.State.ACTIVE, space__in=my_spaces
        ).values_list("user_id", flat=True)
    )
    if sharing != set(ids):
        raise PermissionDenied(_("You can write only to members of a space you share."))


def pickable_recipients(user, chosen_ids):
    """Members one may pick: those of the spaces one is in, and those already chosen
    (from a profile's "Write to this member"), among the people one may see in lists."""
    my_spaces = Membership.objects.filter(user=user, state=Membership.State.ACTIVE).values("space")
    sharing = Membership.objects.filter(space__in=my_spaces, state=Membership.State.ACTIVE).values(
        "user"
    )
    return (
        listed_profiles(user, Profile.objects.all())
        .exclude(user=user)
        .filter(Q(user__in=sharing) | Q(pk__in=chosen_ids))
        .select_related("user")
        .order_by("display_name")
    )


def check_dismiss_report_permission(user):
    """A reported private message reaches staff alone: they close its report."""
    if not (user.is_authenticated and user.is_staff):
        raise PermissionDenied(_("Only staff handle reports of private messages."))
