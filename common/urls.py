"""reverse() for the links pages repeat: a member's profile, a space, a thread, an event.

A list page names dozens of people, spaces and events, and reverse() walks the URL
patterns for each (some 40 µs on a small server, a tenth of a page's budget). A link
depends only on its view, its arguments, the active language (i18n_patterns) and the
script prefix: it is kept per process for those, and forgotten with the URL patterns.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def cached_reverse(viewname, *args):
    return _reverse(viewname, args, get_language(), get_script_prefix(), get_urlconf())


def reverser():
    """cached_reverse for the many links of one list: the language, the script prefix and
    the URL conf (some thirty Python calls) read once, when it is made, rather than for
    each link. Make one per list, where they cannot change."""
    place = (get_language(), get_script_prefix(), get_urlconf())
    return lambda viewname, *args: _reverse(viewname, args, *place)


@lru_cache(maxsize=20000)
def _reverse(viewname, args, _language, _prefix, urlconf):
    return reverse(viewname, args=args, urlconf=urlconf)


@receiver(setting_changed, dispatch_uid="common.urls.forget")
def _forget(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _reverse.cache_clear()
