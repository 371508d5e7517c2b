"""Parts of the events pages that repeat in lists, rendered without a template include.

    {% load event_parts %}
    {% event_when event %}       when the event takes place, in the reader's time zone
    {% slot_options slots %}     the <option>s of a meeting slot picker

An `{% include %}` per list item costs a context push and a template render; these are
plain functions. What they print depends only on their arguments, the reader's language
and time zone: `event_when` keeps what it printed for those, so a page shown again formats
no date.
"""

from functools import lru_cache
from types import SimpleNamespace

from django import template
from django.template.defaultfilters import date
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.timezone import template_localtime
from django.utils.translation import get_language

from common.templatetags.moments import moment

register = template.Library()


@register.simple_tag(takes_context=True)
def event_when(context, event):
    """Start–end (the end's time alone when it is the same day), then the reader's time
    zone: `<time>` elements, as `{% moment %}` prints them."""
    return _when(
        event.starts_at,
        event.ends_at,
        context.use_tz,
        get_language(),
        timezone.get_current_timezone_name(),
    )


@lru_cache(maxsize=4096)
def _when(starts_at, ends_at, use_tz, _language, zone):
    """The language and zone are part of the key: they are active while this runs."""
    reader = SimpleNamespace(use_tz=use_tz)
    same_day = (
        template_localtime(starts_at, use_tz).date() == template_localtime(ends_at, use_tz).date()
    )
    end = (
        moment(reader, ends_at, "", "TIME_FORMAT")
        if same_day
        else moment(reader, ends_at, "DATETIME_FORMAT")
    )
    return format_html(
        '{}–{} <span class="muted">({})</span>',
        moment(reader, starts_at, "DATETIME_FORMAT"),
        end,
        zone,
    )


@register.simple_tag(takes_context=True)
def slot_options(context, slots):
    """`<option value="(ISO time)">(day and time)</option>` per slot; people shown on a
    page mostly share the same free slots, so each list is formatted once per page."""
    cache = context.render_context.setdefault("event_parts.slot_options", {})
    key = tuple(slots)
    if key not in cache:
        local = [template_localtime(slot, context.use_tz) for slot in slots]
        options = ((date(t, "c"), date(t, "D j M, H:i")) for t in local)
        cache[key] = format_html_join("", '<option value="{}">{}</option>', options)
    return cache[key]
