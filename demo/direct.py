"""Demo direct messages (demo/data/direct.toml): the demo member's conversations, in
French and in English, the last message of each still new to her.

``seed_demo_direct()`` is idempotent: a conversation whose first message is there is left
as it is. Messages go through spaces.direct.services, as members' own would.
"""

from django.db import transaction

from demo.data import load
from demo.members import MEMBER_EMAIL
from members.models import User
from spaces.direct import services
from spaces.models import DirectMessage, Membership

CONVERSATIONS = load("direct")["conversations"]


def seed_demo_direct(*, log=print):
    """Add the demo member's conversations; returns how many were added."""
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    if member is None:
        log("Demo direct messages skipped: seed the demo members first.")
        return 0
    added = 0
    with transaction.atomic():
        for definition in CONVERSATIONS:
            other = _other(definition, member)
            if other is None:
                continue
            authors = {"member": member, "other": other}
            first, *rest = definition["messages"]
            if DirectMessage.objects.filter(
                author=authors[first["by"]], body=first["body"]
            ).exists():
                continue
            conversation = services.start_conversation(
                sender=authors[first["by"]],
                recipients=[authors["other" if first["by"] == "member" else "member"]],
                body=first["body"],
            )
            for message in rest:
                services.send_message(
                    sender=authors[message["by"]], conversation=conversation, body=message["body"]
                )
            added += 1
    log(f"Demo direct messages: {added} conversations added.")
    return added


def _other(definition, member):
    """The person named by email, or the first member of the space (by account) who
    speaks the language first."""
    if "with" in definition:
        return User.objects.filter(email=definition["with"]).first()
    memberships = (
        Membership.objects.filter(
            space__slug=definition["with_member_of"],
            state=Membership.State.ACTIVE,
            user__profile__language=definition["language"],
            user__is_staff=False,
        )
        .exclude(user=member)
        .select_related("user")
        .order_by("user_id")
    )
    first = memberships.first()
    return first.user if first else None
