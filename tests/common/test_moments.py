"""{% moment %} shows a date in the reader's language and time zone, inside a <time>
element that machines read."""

from datetime import UTC, datetime, timedelta

from django.template import Context, Template
from django.utils import timezone, translation

AT = datetime(2026, 3, 14, 18, 5, tzinfo=UTC)  # 14:05 in Montréal (daylight saving)


def render(source, **context):
    return Template("{% load moments %}" + source).render(Context(context))


def test_a_date_in_french_in_the_readers_time_zone():
    with translation.override("fr"), timezone.override("America/Toronto"):
        html = render('{% moment at "DATE_FORMAT" %}', at=AT)
    assert html == '<time datetime="2026-03-14T14:05:00-04:00">14 mars 2026</time>'


def test_a_date_and_time_in_english_with_a_class():
    with translation.override("en"), timezone.override("America/Toronto"):
        html = render('{% moment at "SHORT_DATE_FORMAT" "H:i" class="muted" %}', at=AT)
    assert html == (
        '<time datetime="2026-03-14T14:05:00-04:00" class="muted">03/14/2026 14:05</time>'
    )


def test_the_time_alone_and_how_long_ago():
    with translation.override("fr"), timezone.override("America/Toronto"):
        assert render('{% moment at "" "H:i" %}', at=AT).endswith(">14:05</time>")
        ago = render('{% moment at "timesince" %}', at=timezone.now() - timedelta(hours=3))
    assert ago.endswith(">3\xa0heures</time>")


def test_nothing_for_no_date():
    assert render('{% moment at "DATE_FORMAT" %}', at=None) == ""


def test_what_the_template_passes_is_escaped():
    html = render('{% moment at "DATE_FORMAT" class=cls %}', at=AT, cls='"><script>')
    assert "<script>" not in html
