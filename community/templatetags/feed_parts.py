"""The home page's lists, written here rather than in its templates: the feed's items
(analytics.feed.FeedItem; twenty on every visit home), the spaces suggested, the popular
interests. As template loops, with a variable or a translation per item, they cost more
than the rest of the page; each writes the markup its loop wrote."""

from django import template
from django.conf import settings
from django.template.defaultfilters import date, urlencode
from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from common.fasthtml import escape
from common.templatetags.moments import moment
from common.urls import cached_reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_page(context, feed):
    """A page of the feed (community.feed.FeedPage): its items, or a word when there is
    none, and the link to the older ones."""
    parts = [_item(context, item) for item in feed.items]
    if not parts and not feed.next_before:
        parts.append(
            '<li class="muted">'
            + escape(
                gettext("Nothing new in your spaces yet. Join a space to follow its discussions.")
            )
            + "</li>"
        )
    if feed.next_before:
        older = escape(gettext("Older"))  # outside the f-string: makemessages skips those
        # As {{ feed.next_before|date:'c'|urlencode }}: the moment in the reader's time zone.
        before = escape(urlencode(date(template_localtime(feed.next_before, context.use_tz), "c")))
        parts.append(
            '<li class="feed-more" id="feed-more">\n'
            f'  <a class="button button-secondary" href="?before={before}"\n'
            f'     hx-get="?before={before}" hx-target="#feed-more" hx-swap="outerHTML">'
            f"{older}</a>\n</li>"
        )
    return SafeString("\n".join(parts))


def _item(context, item):
    place = f'<a href="{escape(item.place_url)}">{escape(item.place)}</a> · ' if item.place else ""
    summary = ""
    if item.summary:
        actor = f"<strong>{escape(item.actor)}</strong> : " if item.actor else ""
        summary = f"<p>{actor}{escape(item.summary)}</p>"
    return (
        f'<li class="feed-item feed-{escape(item.kind)}"><p class="muted">'
        f'<span class="flag">{escape(item.label)}</span> {place}'
        f"{moment(context, item.at, 'timesince')}</p>"
        f'<h3><a href="{escape(item.url)}">{escape(item.title)}</a></h3>{summary}</li>'
    )


@register.simple_tag
def suggested_space_items(spaces):
    """The spaces suggested (spaces.queries.suggested_space_links): each linked, with its
    number of members."""
    return SafeString(
        "".join(
            f'<li><a href="{escape(space.get_absolute_url())}">{escape(space.name)}</a> '
            # As {% blocktranslate count %}: the translation as it is, the count escaped.
            '<span class="muted">'
            + ngettext("%(counter)s member", "%(counter)s members", space.member_count)
            % {"counter": escape(_number(space.member_count))}
            + "</span></li>"
            for space in spaces
        )
    )


@register.simple_tag
def popular_interest_items(interests):
    """The popular interests (members.queries.popular_interests), each a link to the
    directory's members who share it, with their number."""
    directory = escape(cached_reverse("members:directory"))
    return SafeString(
        "\n".join(
            f'<li><a class="tag" href="{directory}?interest={escape(interest.slug)}">'
            f'{escape(interest.name)} <span class="count">{_number(interest.members)}</span>'
            "</a></li>"
            for interest in interests
        )
    )


def _number(count):
    """A count as a template prints it ({{ count }}): localize() groups its digits only
    where USE_THOUSAND_SEPARATOR asks; without, it is the number as it is."""
    return localize(count) if settings.USE_THOUSAND_SEPARATOR else str(count)
