"""The member's home feed, composed from what each app offers (settings.MAILLAGE_FEED_SOURCES).

Pages are windows in time: a page holds the newest items before a moment, and the
next page starts where it ended, so adding items never shifts or repeats them.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

PAGE_SIZE = 20


@dataclass
class FeedPage:
    items: list
    next_before: datetime | None


def sources():
    return [import_string(path) for path in settings.MAILLAGE_FEED_SOURCES]


def home_feed(user, *, before=None, limit=PAGE_SIZE):
    before = before or timezone.now()
    items = []
    for source in sources():
        items.extend(source(user, before=before, limit=limit + 1))
    items.sort(key=lambda item: item.at, reverse=True)
    page, more = items[:limit], len(items) > limit
    return FeedPage(items=page, next_before=page[-1].at if more and page else None)


def parse_before(value):
    """A page cursor from the query string, or None for the newest page."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
        moment = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
        # A moment the database cannot hold (year 9999 past midnight UTC) is no cursor.
        moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return moment
