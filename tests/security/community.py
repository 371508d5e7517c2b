"""The sweep's community: the privacy crawl's (tests/privacy/community.py: three spaces,
eight events, a conversation, the cast as its personas), and a few more things forms act
upon: registration questions and guests, an open poll, a request to join a space."""

from events.models import Question
from events.services import live
from spaces.models import Membership
from tests.privacy.community import build_community


def build():
    community = build_community()
    users, staff = community.users, community.users["staff"]
    event = community.events["members"]
    event.max_guests = 2
    event.save(update_fields=["max_guests"])
    Question.objects.create(event=event, label="Allergies ?", required=True)
    Question.objects.create(
        event=event, label="Atelier", kind=Question.Kind.CHOICE, choices="Matin\nSoir"
    )
    poll = live.create_poll(event=event, question="Prochaine date ?", choices=["Mars", "Avril"],
                            by=staff)  # fmt: skip
    live.open_poll(poll=poll, by=staff)
    community.objects["open_poll"] = poll
    Membership.objects.create(
        space=community.spaces["private"], user=users["carol"], state=Membership.State.REQUESTED
    )
    return community
