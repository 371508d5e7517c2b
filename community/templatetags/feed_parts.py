"""{% feed_item item %}: one item of the home feed (analytics.feed.FeedItem), written here
rather than in the loop's template: the feed shows twenty of them on every visit home."""

from django import template

from common.fasthtml import format_html
from common.templatetags.moments import moment

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_item(context, item):
    place = format_html('<a href="{}">{}</a> · ', item.place_url, item.place) if item.place else ""
    summary = ""
    if item.summary:
        actor = format_html("<strong>{}</strong> : ", item.actor) if item.actor else ""
        summary = format_html("<p>{}{}</p>", actor, item.summary)
    return format_html(
        '<li class="feed-item feed-{}"><p class="muted"><span class="flag">{}</span> {}{}</p>'
        '<h3><a href="{}">{}</a></h3>{}</li>',
        item.kind,
        item.label,
        place,
        moment(context, item.at, "timesince"),
        item.url,
        item.title,
        summary,
    )
