"""The frame of every page, written here rather than in templates/base.html: {% site_head %}
(stylesheet, icon, scripts), {% site_header %} (the main menu with its two counts, the
language switcher) and {% site_footer %}.

Every page renders the frame, and as template markup it cost some 4,800 Python calls a
page (about a quarter of a light page): twenty {% translate %} tags, a dozen {% url %}, an
include per part. What it prints depends on the language, whether the visitor is signed
in or staff, and which section is open: that is written once per process for each, and a
request only puts in its own values (the CSRF token, the counts, the path to come back
to after changing language).
"""

from functools import lru_cache
from types import SimpleNamespace

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django_htmx.jinja import htmx_script

from common.fasthtml import csrf_input, escape
from common.templatetags.links import asset
from common.urls import cached_reverse

register = template.Library()

BELL = (
    '<svg aria-hidden="true" viewBox="0 0 24 24"><path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5'
    " 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2"
    ' 2v1h18v-1Z"/></svg>'
)
CURRENT = ' aria-current="page"'


def _section(request):
    """Which entry of the menu the page belongs to: events, spaces or the directory."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.app_name in ("events", "spaces"):
        return match.app_name
    return "directory" if match.url_name == "directory" else ""


def _texts():
    """The frame's words in the active language, escaped (gettext is called here, outside
    the f-strings, where makemessages finds it)."""
    return SimpleNamespace(
        skip=escape(_("Skip to content")),
        main=escape(_("Main")),
        sign_in=escape(_("Sign in")),
        join=escape(_("Join")),
        events=escape(_("Events")),
        spaces=escape(_("Spaces")),
        directory=escape(_("Directory")),
        messages=escape(_("Messages")),
        profile=escape(_("My profile")),
        notifications=escape(_("Notifications")),
        unread=escape(_("unread")),
        administration=escape(_("Administration")),
        account=escape(_("Account")),
        sign_out=escape(_("Sign out")),
        language=escape(_("Language")),
        signed_out=escape(
            _("You are signed out: reload the page or sign in again for live updates.")
        ),
        close=escape(_("Close this message")),
        failed=escape(_("This did not work. Please try again.")),
        free_software=escape(_("Maillage is free software for nonprofit communities.")),
    )


@register.simple_tag(takes_context=True)
def site_head(context):
    nonce = context.get("csp_nonce")
    if nonce:  # a nonce is the request's own: nothing to keep
        return _head.__wrapped__(get_script_prefix(), nonce)
    return _head(get_script_prefix(), None)


@lru_cache(maxsize=8)
def _head(_prefix, nonce):
    # Our Content-Security-Policy allows no inline style and no eval: htmx is told so.
    return SafeString(
        f'<link rel="stylesheet" href="{asset("css/maillage.css")}">\n'
        f'  <link rel="icon" href="{asset("img/favicon.svg")}" type="image/svg+xml">\n'
        '  <meta name="htmx-config" content=\'{"includeIndicatorStyles": false, '
        '"allowEval": false, "allowScriptTags": false}\'>\n'
        f"  {htmx_script(nonce=nonce)}\n"
        f'  <script src="{asset("js/htmx-errors.js")}" defer></script>\n'
        f'  <script src="{asset("js/timezone.js")}" defer></script>'
    )


@register.simple_tag(takes_context=True)
def site_header(context):
    request = context.get("request")  # none where a page is rendered without its request
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    staff = signed_in and user.is_staff
    parts = _header(get_language(), get_script_prefix(), get_urlconf(), signed_in, staff)
    token = csrf_input(context)
    path = escape(request.get_full_path()) if request is not None else ""
    if not signed_in:
        start, switcher, end = parts
        return SafeString(f"{start}{switcher[0]}{token}{switcher[1]}{path}{switcher[2]}{end}")
    section = _section(request)
    menu, messages, bell, account, switcher, end = parts
    links = [CURRENT if name == section else "" for name in ("events", "spaces", "directory")]
    unread_messages = context.get("unread_messages") or 0
    unread = context.get("unread_notifications") or 0
    return SafeString(
        f"{menu[0]}{links[0]}{menu[1]}{links[1]}{menu[2]}{links[2]}{menu[3]}"
        f"{messages[0]}{'' if unread_messages else 'hidden'}>{escape(unread_messages)}"
        f"{messages[1]}"
        f"{bell[0]}{'' if unread else 'hidden'}>{escape(unread)}{bell[1]}"
        f"{account[0]}{token}{account[1]}"
        f"{switcher[0]}{token}{switcher[1]}{path}{switcher[2]}{end}"
    )


@lru_cache(maxsize=64)
def _header(language, _prefix, _urlconf, signed_in, staff):
    """The header's fixed markup for a language and a kind of visitor, in pieces; the
    request's own values go between them."""
    t = _texts()
    start = (
        f'<a class="skip-link" href="#main">{t.skip}</a>\n'
        '  <header class="site-header">\n    <div class="container header-row">\n'
        f'      <a class="brand" href="{cached_reverse("home")}">Maillage</a>\n'
        f'      <nav aria-label="{t.main}" class="main-nav">\n        <ul>\n'
    )
    end = "    </div>\n  </header>"
    switcher = _switcher(language)
    if not signed_in:
        return (
            start + f'<li><a href="{cached_reverse("account_login")}">{t.sign_in}</a></li>\n'
            f'<li><a class="button button-small" href="{cached_reverse("account_signup")}">'
            f"{t.join}</a></li>\n        </ul>\n      </nav>\n",
            switcher,
            end,
        )
    menu = (
        start + f'<li><a href="{cached_reverse("events:list")}"',
        f'>{t.events}</a></li>\n<li><a href="{cached_reverse("spaces:list")}"',
        f'>{t.spaces}</a></li>\n<li><a href="{cached_reverse("members:directory")}"',
        f">{t.directory}</a></li>\n",
    )
    messages = (
        f'<li><a href="{cached_reverse("direct:inbox")}">{t.messages} '
        '<span class="badge" data-unread-messages ',
        f'</span></a></li>\n<li><a href="{cached_reverse("members:me")}">{t.profile}</a></li>\n',
    )
    bell = (
        f'<li>\n<a href="{cached_reverse("notifications")}" class="bell" data-live-bell>\n'
        f'{BELL}\n<span class="visually-hidden">{t.notifications}</span>\n'
        '<span class="badge" data-unread-count ',
        f'</span>\n<span class="visually-hidden">{t.unread}</span>\n</a>\n</li>\n',
    )
    administration = (
        f'<li><a href="{cached_reverse("admin:index")}">{t.administration}</a></li>\n'
        if staff
        else ""
    )
    account = (
        administration + f'<li><a href="{cached_reverse("account_email")}">{t.account}</a></li>\n'
        f'<li>\n<form method="post" action="{cached_reverse("account_logout")}"'
        ' class="inline-form">\n',
        '\n<button type="submit" class="link-button">'
        f"{t.sign_out}</button>\n</form>\n</li>\n        </ul>\n      </nav>\n",
    )
    return menu, messages, bell, account, switcher, end


def _switcher(language):
    """The language switcher, in three pieces: the CSRF token and the page's path go
    between them."""
    t = _texts()
    buttons = "".join(
        f'<button type="submit" name="language" value="{code}" lang="{code}"'
        f' class="link-button">{escape(capfirst(get_language_info(code)["name_local"]))}'
        "</button>\n"
        for code, _name in settings.LANGUAGES
        if code != language
    )
    return (
        f'      <form class="language-switcher" action="{cached_reverse("set_language")}"'
        ' method="post">\n',
        '\n<input name="next" type="hidden" value="',
        f'">\n<span class="visually-hidden">{t.language}</span>\n{buttons}</form>\n',
    )


@register.simple_tag(takes_context=True)
def site_footer(context):
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    return _footer(get_language(), get_script_prefix(), signed_in)


@lru_cache(maxsize=16)
def _footer(_language, _prefix, signed_in):
    """The footer and the scripts at the end of the page (live updates for members)."""
    t = _texts()
    live = (
        f'\n  <script src="{asset("js/live.js")}" data-signedout="{t.signed_out}" defer></script>'
        if signed_in
        else ""
    )
    return SafeString(
        '<div class="request-errors" role="alert" data-request-errors'
        f' data-dismiss="{t.close}"'
        f' data-fallback="{t.failed}"></div>\n'
        '  <footer class="site-footer">\n    <div class="container">\n'
        f"      <p>{t.free_software}</p>\n"
        "    </div>\n  </footer>\n"
        f'  <script src="{asset("js/socket.js")}" defer></script>{live}'
    )


@receiver(setting_changed, dispatch_uid="community.site_parts.forget")
def _forget(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "STATIC_URL", "STORAGES"):
        _head.cache_clear()
        _header.cache_clear()
        _footer.cache_clear()
