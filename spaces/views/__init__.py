"""The spaces app's views, one module per group of verbs."""

from spaces.views.chat_room import chat_room
from spaces.views.moderation import moderate_item, moderate_member, moderation_queue, report
from spaces.views.space_pages import (
    decide_request,
    invite,
    join,
    knowledge,
    leave,
    members,
    space_create,
    space_detail,
    space_edit,
    space_list,
)
from spaces.views.threads import (
    accept,
    attachment,
    mention_suggestions,
    moderate_thread,
    post_delete,
    post_edit,
    react,
    thread_create,
    thread_detail,
)

__all__ = [
    "accept",
    "attachment",
    "chat_room",
    "decide_request",
    "invite",
    "join",
    "knowledge",
    "leave",
    "members",
    "mention_suggestions",
    "moderate_item",
    "moderate_member",
    "moderate_thread",
    "moderation_queue",
    "post_delete",
    "post_edit",
    "react",
    "report",
    "space_create",
    "space_detail",
    "space_edit",
    "space_list",
    "thread_create",
    "thread_detail",
]
