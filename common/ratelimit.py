"""One rate limit for every write a member makes: threads, replies, reactions, chat and
private messages, reports, join and meeting requests, live questions, sign-up.

Limits live in settings.MAILLAGE_RATE_LIMITS as "count/period" ("10/m", "30/10m",
"5/h", "100/d"). Each attempt is counted in the cache, per member (or per address for
a visitor) and per kind of write, in a fixed window. Views take the limit with the
`rate_limited` decorator, before any write, so a refused request stores nothing; the
RateLimitMiddleware answers 429 with a page that says when to try again. Sockets call
`hit` themselves and send an error frame.
"""

import functools
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class RateLimited(Exception):
    """Too many attempts at one kind of write; `retry_after` is in seconds."""

    def __init__(self, kind, retry_after):
        super().__init__(kind)
        self.kind = kind
        self.retry_after = max(int(retry_after), 1)


def parse(rate):
    """ "30/10m" -> (30, 600)."""
    match = _RATE.match(str(rate).strip())
    if not match:
        raise ImproperlyConfigured(f"A rate limit reads like '10/m' or '30/10m', not {rate!r}.")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * PERIODS[unit]


def limit_of(kind):
    try:
        rate = settings.MAILLAGE_RATE_LIMITS[kind]
    except KeyError:
        raise ImproperlyConfigured(f"No limit named {kind!r} in MAILLAGE_RATE_LIMITS.") from None
    return parse(rate)


def hit(kind, who):
    """Count one attempt of `who` (a member id or an address) at `kind`; raise RateLimited
    once the window's allowance is spent."""
    count, period = limit_of(kind)
    window = int(time.time() // period)
    key = f"ratelimit:{kind}:{who}:{window}"
    cache.add(key, 0, period + 1)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period + 1)
        attempts = 1
    if attempts > count:
        raise RateLimited(kind, (window + 1) * period - time.time())


def who_is(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user-{user.pk}"
    return f"ip-{request.META.get('REMOTE_ADDR', '')}"


def rate_limited(kind, *, methods=WRITE_METHODS):
    """Decorate a view: each write request (POST by default) counts against `kind`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                hit(kind, who_is(request))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
