"""The name of a member's own live channel group, shared by every app that tells a
member something live (the bell, unread messages)."""


def member_group(user_id):
    return f"member-{user_id}"
