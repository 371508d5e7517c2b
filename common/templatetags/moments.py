"""{% moment %}: a date or time as a <time> element, machine-readable and shown in the
reader's language and time zone, as every app's templates show one.

    {% load moments %}
    {% moment event.starts_at "DATETIME_FORMAT" %}
    {% moment message.created_at "SHORT_DATE_FORMAT" "H:i" class="muted" %}
    {% moment thread.last_activity_at "timesince" %}
    {% moment event.ends_at "" "TIME_FORMAT" %}
"""

from django import template
from django.template.defaultfilters import date, time, timesince_filter
from django.utils.html import format_html
from django.utils.timezone import template_localtime

register = template.Library()


@register.simple_tag(takes_context=True)
def moment(context, value, shown="DATETIME_FORMAT", then=None, **attributes):
    """`shown` is a date format (a name such as "DATE_FORMAT", or letters), or
    "timesince" for how long ago, or "" for the time alone; `then`, a time format shown
    after it."""
    if not value:
        return ""
    value = template_localtime(value, context.use_tz)
    if shown == "timesince":
        text = timesince_filter(value)
    elif shown:
        text = date(value, shown)
        if then:
            text = f"{text} {time(value, then)}"
    else:
        text = time(value, then)
    css_class = attributes.get("class")
    if css_class:
        return format_html(
            '<time datetime="{}" class="{}">{}</time>', date(value, "c"), css_class, text
        )
    return format_html('<time datetime="{}">{}</time>', date(value, "c"), text)
