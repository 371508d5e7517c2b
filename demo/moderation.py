"""A demo moderation report (demo/data/moderation.toml): an advertisement posted as a reply
in a space's discussion, reported by the demo member, waiting in the space's queue.

``seed_demo_moderation()`` is idempotent: when the reply is there, nothing is added. The
reply and the report go through spaces.services, as a member's would.
"""

from django.db import transaction

from demo.data import load
from demo.members import MEMBER_EMAIL
from members.models import User
from spaces.models import Membership, Reply, Thread
from spaces.permissions import access_to
from spaces.services import moderation, posts

REPORT = load("moderation")


def seed_demo_moderation(*, log=print):
    """Add the reported reply and its report; returns how many reports were added."""
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    thread = (
        Thread.objects.filter(space__slug=REPORT["space"], title=REPORT["thread"])
        .select_related("space")
        .first()
    )
    if member is None or thread is None:
        log("Demo moderation report skipped: seed the demo members and spaces first.")
        return 0
    if Reply.objects.filter(thread=thread, body=REPORT["reply"]).exists():
        log("Demo moderation report: 0 added.")
        return 0
    # The advertiser: the space's most recent member by account, not a moderator.
    advertiser = (
        Membership.objects.filter(
            space=thread.space, role=Membership.Role.MEMBER, state=Membership.State.ACTIVE
        )
        .exclude(user=member)
        .order_by("-user_id")
        .first()
        .user
    )
    with transaction.atomic():
        reply = posts.reply_to_thread(
            access=access_to(advertiser, thread.space), thread=thread, body=REPORT["reply"]
        )
        moderation.report(
            access=access_to(member, thread.space),
            item=reply,
            reason=REPORT["reason"],
            details=REPORT["details"],
        )
    log("Demo moderation report: 1 added.")
    return 1
