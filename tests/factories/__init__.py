"""The tests' factories (factory_boy), one module per app, all importable from here:
`from tests.factories import UserFactory, make_space, RegistrationFactory`."""

from tests.factories.community import ActivityFactory, NotificationFactory
from tests.factories.events import (
    EventFactory,
    LiveQuestionFactory,
    MeetingFactory,
    PollFactory,
    RegistrationFactory,
    WorkshopTableFactory,
    event_form_data,
)
from tests.factories.images import exif_with_gps, image_upload
from tests.factories.members import (
    PASSWORD,
    InterestFactory,
    MembershipFactory,
    MembershipTierFactory,
    SkillFactory,
    UserFactory,
    hashed_password,
    profile_form_data,
    verified,
)
from tests.factories.spaces import (
    ChatMessageFactory,
    ConversationFactory,
    DirectMessageFactory,
    ReplyFactory,
    SpaceFactory,
    SpaceMembershipFactory,
    ThreadFactory,
    make_reply,
    make_space,
    make_thread,
    space_form_data,
)

__all__ = [
    "PASSWORD",
    "ActivityFactory",
    "ChatMessageFactory",
    "ConversationFactory",
    "DirectMessageFactory",
    "EventFactory",
    "InterestFactory",
    "LiveQuestionFactory",
    "MeetingFactory",
    "MembershipFactory",
    "MembershipTierFactory",
    "NotificationFactory",
    "PollFactory",
    "RegistrationFactory",
    "ReplyFactory",
    "SkillFactory",
    "SpaceFactory",
    "SpaceMembershipFactory",
    "ThreadFactory",
    "UserFactory",
    "WorkshopTableFactory",
    "hashed_password",
    "make_reply",
    "make_space",
    "make_thread",
    "verified",
    "event_form_data",
    "exif_with_gps",
    "image_upload",
    "profile_form_data",
    "space_form_data",
]
