"""Spaces' data, one module per part: spaces and memberships, posts, chat, moderation,
direct messages. Import from here: `from spaces.models import Thread`."""

from spaces.models.chat import ChatMessage, ChatPresence
from spaces.models.direct import Block, Conversation, DirectMessage, Participant
from spaces.models.moderation import ModerationAction, Report
from spaces.models.posts import (
    Attachment,
    Mention,
    Post,
    PostQuerySet,
    Reaction,
    Reply,
    TaggedThreadInterest,
    Thread,
    ThreadVisit,
)
from spaces.models.spaces import (
    Membership,
    Space,
    SpacePolicy,
    SpaceQuerySet,
    TaggedSpaceInterest,
)

__all__ = [
    "Attachment",
    "Block",
    "ChatMessage",
    "ChatPresence",
    "Conversation",
    "DirectMessage",
    "Membership",
    "Mention",
    "ModerationAction",
    "Participant",
    "Post",
    "PostQuerySet",
    "Reaction",
    "Reply",
    "Report",
    "Space",
    "SpacePolicy",
    "SpaceQuerySet",
    "TaggedSpaceInterest",
    "TaggedThreadInterest",
    "Thread",
    "ThreadVisit",
]
