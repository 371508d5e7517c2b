"""The shape of one item of a member's home feed. Each app offers its items through a
function `feed_items(user, *, before, limit)` returning FeedItem objects newest first;
community composes them without knowing the apps' models."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FeedItem:
    kind: str  # a short word the template styles ("thread", "answer", "event"...)
    at: datetime  # when it happened: the feed is sorted by it
    title: str
    url: str
    summary: str = ""
    actor: str = ""
    place: str = ""  # where it happened, e.g. a space's name
    place_url: str = ""
    label: str = ""  # a translated word for the kind, shown to the reader
