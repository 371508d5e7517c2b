"""What several events test modules share."""

import html

from django.urls import reverse
from django.utils import translation

from events import services


def attend(event, *users):
    """Register each member (confirmed while seats last)."""
    for user in users:
        services.register(event=event, user=user)


def text(response):
    """The page as a reader sees it: entities such as &#x27; decoded."""
    return html.unescape(response.content.decode())


def url(name, *args):
    """An events page's English address (the assertions that use it read English)."""
    with translation.override("en"):
        return reverse(f"events:{name}", args=args)
