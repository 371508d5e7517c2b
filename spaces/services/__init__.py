"""Every write in spaces, one module per part: spaces and membership (`spaces`), threads
and replies (`posts`), the live chat (`chat`), moderation (`moderation`). Spaces' and
posts' verbs are the app's most used, so they are importable from here:
`services.start_thread(...)`."""

from spaces.services.posts import (
    accept_answer,
    delete_post,
    edit_post,
    mark_seen,
    refresh_mentions_of,
    render_body,
    reply_to_thread,
    set_locked,
    set_pinned,
    start_thread,
    toggle_reaction,
)
from spaces.services.spaces import (
    create_space,
    decide_join_request,
    invite_member,
    join_space,
    leave_space,
    set_role,
    update_space,
)

__all__ = [
    "accept_answer",
    "create_space",
    "decide_join_request",
    "delete_post",
    "edit_post",
    "invite_member",
    "join_space",
    "leave_space",
    "mark_seen",
    "refresh_mentions_of",
    "render_body",
    "reply_to_thread",
    "set_locked",
    "set_pinned",
    "set_role",
    "start_thread",
    "toggle_reaction",
    "update_space",
]
