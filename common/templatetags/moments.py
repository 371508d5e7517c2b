"""{% moment %}: a date or time as a <time> element, machine-readable and shown in the
reader's language and time zone, as every app's templates show one.

    {% load moments %}
    {% moment event.starts_at "DATETIME_FORMAT" %}
    {% moment message.created_at "SHORT_DATE_FORMAT" "H:i" class="muted" %}
    {% moment thread.last_activity_at "timesince" %}
    {% moment event.ends_at "" "TIME_FORMAT" %}
"""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import date, time, timesince_filter
from django.utils import timezone
from django.utils.timezone import template_localtime
from django.utils.translation import get_language

from common.fasthtml import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def moment(context, value, shown="DATETIME_FORMAT", then=None, **attributes):
    """`shown` is a date format (a name such as "DATE_FORMAT", or letters), or
    "timesince" for how long ago, or "" for the time alone; `then`, a time format shown
    after it."""
    if not value:
        return ""
    if shown == "timesince":  # "3 hours, 5 minutes ago": kept for the minute it holds
        return _kept(
            value,
            shown,
            int(timezone.now().timestamp() // 60),
            attributes.get("class"),
            context.use_tz,
            get_language(),
            timezone.get_current_timezone_name(),
        )
    return _kept(
        value,
        shown,
        then,
        attributes.get("class"),
        context.use_tz,
        get_language(),
        timezone.get_current_timezone_name(),
    )


@lru_cache(maxsize=8192)
def _kept(value, shown, then, css_class, use_tz, _language, _zone):
    """A page shows the same moments again and again (posts, messages, events), and
    formatting one costs a dozen translation lookups: what it prints depends only on these
    arguments, the language and the time zone being active while it runs (and, for how
    long ago, the minute: `then` holds it)."""
    if shown == "timesince":
        then = None
    return _moment(value, shown, then, css_class, use_tz)


def _moment(value, shown, then, css_class, use_tz):
    value = template_localtime(value, use_tz)
    if shown == "timesince":
        text = timesince_filter(value)
    elif shown:
        text = date(value, shown)
        if then:
            text = f"{text} {time(value, then)}"
    else:
        text = time(value, then)
    if css_class:
        return format_html(
            '<time datetime="{}" class="{}">{}</time>', date(value, "c"), css_class, text
        )
    return format_html('<time datetime="{}">{}</time>', date(value, "c"), text)


@receiver(setting_changed, dispatch_uid="common.moments.forget")
def _forget(setting, **kwargs):
    if setting.endswith("_FORMAT") or setting in ("USE_TZ", "TIME_ZONE", "LANGUAGE_CODE"):
        _kept.cache_clear()
