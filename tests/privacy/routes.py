"""Every URL name of the site, the objects it is reversed with, and the status each persona
gets for a GET. One entry per URL name: `ROUTES[name](community)` gives its cases.

How an entry is written (the statuses, the builders): tests/privacy/cases.py.

The defaults keep the table short: `members()` is "anonymous: sign in; members: 200";
`post_only()` is "anonymous: sign in; members: 405". The spaces' and the events' pages
are expanded over several spaces or events by the persona's place in each (`in_space`,
`at_event`). The admin is covered generically (tests/privacy/admin_pages.py).
"""

from tests.privacy.cases import (
    EVENTS,
    REDIRECT,
    _attachment,
    _event,
    _profile,
    _reply,
    _space,
    edit_own_post,
    everyone,
    members,
    only,
    page,
    per_event,
    per_space,
    post_only,
    post_only_at,
    target,
    targets,
)
from tests.privacy.community import HIDDEN_ANSWER_WORD, SPACES

BOTH_LANGUAGES = ("fr", "en")

ROUTES = {
    # community
    "set_language": page(everyone(405)),
    "health": page(everyone(200)),
    "home": page(everyone(200), languages=BOTH_LANGUAGES),
    "notifications": page(members()),
    "notification_open": target(
        "alice's",
        lambda c: {"pk": c.objects["notification"].pk},
        only("alice", status=REDIRECT, refused=404),
    ),
    "notifications_read": page(post_only()),
    "notification_settings": page(members()),
    # members
    "members:directory": page(members()),
    "members:me": page(members(REDIRECT)),
    "members:me_edit": page(members(REDIRECT)),
    "members:profile": targets(
        target("alice", _profile("alice"), members(), languages=BOTH_LANGUAGES),
        target(
            "hidden",
            _profile("hidden"),
            {**everyone(404), "hidden": 200, "staff": 200},
            languages=BOTH_LANGUAGES,
        ),
        target("gone", _profile("gone"), {**everyone(404), "staff": 200}, languages=BOTH_LANGUAGES),
    ),
    "members:profile_edit": targets(
        target("alice", _profile("alice"), only("alice")),
        target("hidden", _profile("hidden"), only("hidden", refused=(403, 404))),
    ),
    # events
    "events:list": targets(page(everyone(200)), page(everyone(200), query="when=past")),
    "events:my_calendar": page(members()),
    "events:feed": targets(
        target(
            "alice's address",
            lambda c: {"token": c.objects["calendar_feed"].token},
            everyone(200),
            reads_as="alice",
        ),
        target(
            "a deactivated member's address",
            lambda c: {"token": c.objects["gone_calendar_feed"].token},
            everyone(404),
        ),
    ),
    "events:create": page(only("staff")),
    "events:detail": per_event("view", events=EVENTS, login_required=False),
    "events:ics": per_event("view", events=EVENTS, login_required=False),
    "events:register": post_only_at(_event("members")),
    "events:cancel": post_only_at(_event("members")),
    "events:ticket": per_event("ticket"),
    "events:attendees": per_event("staff"),
    "events:staff_register": post_only_at(_event("members")),
    "events:check_in_desk": per_event("staff"),
    "events:check_in": per_event(
        "staff",
        lambda c, event: {"code": c.registrations[f"{event}.alice"].ticket_code},
        events=("members", "secret"),
    ),
    "events:people": per_event("attendee"),
    "events:meeting_request": post_only_at(_event("members")),
    "events:meeting_suggest_me": post_only_at(_event("members")),
    "events:meeting_action": post_only_at(
        lambda c: {
            "slug": c.events["members"].slug,
            "pk": c.objects["meeting"].pk,
            "action": "accept",
        }
    ),
    "events:tables": per_event("view", login_required=False),
    "events:table_add": post_only_at(_event("members")),
    "events:table_leave": post_only_at(_event("members")),
    "events:table": per_event(
        "table", lambda c, event: {"pk": c.tables[event].pk}, events=("members", "secret")
    ),
    "events:table_choose": post_only_at(
        lambda c: {"slug": c.events["members"].slug, "pk": c.tables["members"].pk}
    ),
    "events:live": per_event("attendee"),
    "events:live_ask": post_only_at(_event("members")),
    "events:live_upvote": post_only_at(
        lambda c: {"slug": c.events["members"].slug, "pk": c.objects["live_question"].pk}
    ),
    "events:live_answer": post_only_at(
        lambda c: {"slug": c.events["members"].slug, "pk": c.objects["live_question"].pk}
    ),
    "events:live_hide": post_only_at(
        lambda c: {"slug": c.events["members"].slug, "pk": c.objects["live_question"].pk}
    ),
    "events:live_poll_create": post_only_at(_event("members")),
    "events:live_vote": post_only_at(
        lambda c: {"slug": c.events["members"].slug, "pk": c.objects["poll"].pk}
    ),
    "events:live_poll_open": post_only_at(
        lambda c: {"slug": c.events["members"].slug, "pk": c.objects["poll"].pk}
    ),
    "events:live_poll_close": post_only_at(
        lambda c: {"slug": c.events["members"].slug, "pk": c.objects["poll"].pk}
    ),
    "events:feedback": per_event("feedback"),
    "events:feedback_summary": per_event("staff"),
    "events:repeat": per_event("staff"),
    "events:edit": per_event("staff"),
    # spaces
    "spaces:list": page(members()),
    "spaces:create": page(only("staff")),
    "spaces:moderation_all": page(only("alice", "staff")),
    "spaces:detail": per_space("see"),
    "spaces:edit": per_space("manage"),
    "spaces:knowledge": targets(
        per_space("read"),
        per_space(
            "read",
            spaces=("open",),
            query=f"q={HIDDEN_ANSWER_WORD}",
            label="searching a word of the hidden answer",
        ),
    ),
    "spaces:chat": per_space("read"),
    "spaces:mentions": per_space("post"),
    "spaces:moderation": per_space("moderate"),
    "spaces:moderate_member": post_only_at(
        lambda c: {"slug": c.spaces["open"].slug, "user_id": c.users["bob"].pk}
    ),
    "spaces:attachment": targets(
        per_space("read", _attachment("visible"), refused=404),
        per_space("read", _attachment("hidden"), item="hidden", refused=404),
        per_space("read", _attachment("deleted"), item="deleted", refused=404),
    ),
    "spaces:members": per_space("read"),
    "spaces:join": post_only_at(_space("private")),
    "spaces:leave": post_only_at(_space("private")),
    "spaces:invite": post_only_at(_space("private")),
    "spaces:decide_request": post_only_at(
        lambda c: {
            "slug": c.spaces["private"].slug,
            "membership_id": c.memberships["private.bob"].pk,
        }
    ),
    "spaces:thread_create": per_space("post"),
    "spaces:thread": targets(
        per_space("read", lambda c, space: {"pk": c.threads[space].pk}),
        per_space(
            "read",
            lambda c, space: {"pk": c.threads["open.gone"].pk},
            spaces=("open",),
            label="a deactivated member's thread",
        ),
        per_space(
            "read",
            lambda c, space: {"pk": c.threads["open.question"].pk},
            spaces=("open",),
            label="the question whose answer was hidden",
        ),
    ),
    "spaces:moderate_thread": post_only_at(
        lambda c: {"slug": c.spaces["open"].slug, "pk": c.threads["open"].pk}
    ),
    "spaces:accept": post_only_at(
        lambda c: {"slug": c.spaces["open"].slug, "pk": c.threads["open.question"].pk}
    ),
    "spaces:post_edit": targets(
        *[
            target(
                f"{space} ({item})",
                lambda c, space=space, item=item: {
                    "slug": c.spaces[space].slug,
                    "kind": "reply",
                    "pk": c.replies[f"{space}.{item}"].pk,
                },
                edit_own_post(space, item),
            )
            for space in SPACES
            for item in ("visible", "hidden", "deleted")
        ]
    ),
    "spaces:post_delete": post_only_at(
        lambda c: {
            "slug": c.spaces["open"].slug,
            "kind": "reply",
            "pk": c.replies["open.visible"].pk,
        }
    ),
    "spaces:react": post_only_at(
        lambda c: {
            "slug": c.spaces["open"].slug,
            "kind": "reply",
            "pk": c.replies["open.visible"].pk,
        }
    ),
    "spaces:report": targets(
        per_space("read", _reply("visible")),
        per_space("read", _reply("hidden"), item="hidden"),
        per_space("read", lambda c, space: {"kind": "chat", "pk": c.chats[space].pk}, label="chat"),
    ),
    "spaces:moderate_item": post_only_at(
        lambda c: {
            "slug": c.spaces["open"].slug,
            "kind": "reply",
            "pk": c.replies["open.hidden"].pk,
        }
    ),
    # accounts (allauth and its two-factor pages): members are sent on where a page is
    # for visitors, visitors to sign in where it is for members.
    "account_login": page(members(REDIRECT, anonymous=200)),
    "account_logout": page(members(anonymous=REDIRECT)),
    "account_signup": page(members(REDIRECT, anonymous=200)),
    "account_inactive": page(everyone(200)),
    "account_reauthenticate": page(members()),
    "account_request_reauthentication_code": page(members()),
    "account_confirm_reauthentication_code": page(members(REDIRECT)),
    "account_confirm_login_code": page(members(REDIRECT)),
    "account_email": page(members()),
    "account_email_verification_sent": page(everyone(200)),
    "account_confirm_email": target("an unknown key", lambda c: {"key": "unknown"}, everyone(200)),
    "account_change_password": page(members()),
    "account_set_password": page(members(REDIRECT)),
    "account_reset_password": page(everyone(200)),
    "account_reset_password_done": page(everyone(200)),
    "account_reset_password_from_key": target(
        "an unknown key", lambda c: {"uidb36": "zz", "key": "unknown"}, everyone(200)
    ),
    "account_reset_password_from_key_done": page(everyone(200)),
    "mfa_index": page(members()),
    "mfa_authenticate": page(members(REDIRECT)),
    "mfa_reauthenticate": page(members(REDIRECT, staff=200)),  # staff have an authenticator
    "mfa_activate_totp": page(members(REDIRECT)),  # after re-authenticating
    "mfa_deactivate_totp": page(members(404, staff=REDIRECT)),
    "mfa_view_recovery_codes": page(members(404)),
    "mfa_generate_recovery_codes": page(members(REDIRECT)),
    "mfa_download_recovery_codes": page(members(404)),
    # direct messages
    "direct:inbox": page(members()),
    "direct:new": targets(
        page(members()),
        target("to the hidden member", lambda c: {}, members(), query="to={hidden}"),
        target("to the deactivated member", lambda c: {}, members(), query="to={gone}"),
    ),
    "direct:conversation": target(
        "alice and bob",
        lambda c: {"pk": c.objects["conversation"].pk},
        only("alice", "bob", refused=404),
    ),
    "direct:report": target(
        "alice and bob",
        lambda c: {
            "pk": c.objects["conversation"].pk,
            "message_id": c.objects["direct_message"].pk,
        },
        only("alice", "bob", refused=404),
    ),
    "direct:block": post_only_at(lambda c: {"user_id": c.users["bob"].pk}),
    "direct:dismiss_report": post_only_at(lambda c: {"report_id": c.objects["report"].pk}),
}
