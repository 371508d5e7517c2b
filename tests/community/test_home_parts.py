"""The home page's lists written by feed_parts' tags print what their template loops
printed: the feed's items, its empty word and its link to older items, the spaces
suggested, the popular interests."""

import re
from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from analytics.feed import FeedItem
from community.feed import FeedPage
from members.queries import PopularInterest
from spaces.models import Space

FEED = Template(
    "{% load i18n moments %}"
    "{% for item in feed.items %}"
    '<li class="feed-item feed-{{ item.kind }}"><p class="muted"><span class="flag">'
    "{{ item.label }}</span> "
    '{% if item.place %}<a href="{{ item.place_url }}">{{ item.place }}</a> · {% endif %}'
    '{% moment item.at "timesince" %}</p><h3><a href="{{ item.url }}">{{ item.title }}</a></h3>'
    "{% if item.summary %}<p>{% if item.actor %}<strong>{{ item.actor }}</strong> : {% endif %}"
    "{{ item.summary }}</p>{% endif %}</li>\n"
    "{% empty %}"
    '{% if not feed.next_before %}<li class="muted">{% translate "Nothing new in your spaces yet.'
    ' Join a space to follow its discussions." %}</li>{% endif %}'
    "{% endfor %}"
    "{% if feed.next_before %}"
    '<li class="feed-more" id="feed-more">'
    '<a class="button button-secondary" href="?before={{ feed.next_before|date:\'c\'|urlencode }}"'
    ' hx-get="?before={{ feed.next_before|date:\'c\'|urlencode }}" hx-target="#feed-more"'
    ' hx-swap="outerHTML">{% translate "Older" %}</a></li>'
    "{% endif %}"
)
SPACES = Template(
    "{% load i18n %}{% for space in spaces %}"
    '<li><a href="{{ space.get_absolute_url }}">{{ space.name }}</a> <span class="muted">'
    "{% blocktranslate count counter=space.member_count %}{{ counter }} member{% plural %}"
    "{{ counter }} members{% endblocktranslate %}</span></li>{% endfor %}"
)
INTERESTS = Template(
    "{% load links %}{% link 'members:directory' as directory_url %}"
    "{% for interest in interests %}"
    '<li><a class="tag" href="{{ directory_url }}?interest={{ interest.slug }}">'
    '{{ interest.name }} <span class="count">{{ interest.members }}</span></a></li>'
    "{% endfor %}"
)


def squeezed(html):
    """Markup with the whitespace between tags and within lines left out."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


def tag(source, **context):
    request = RequestFactory().get("/")
    return Template("{% load feed_parts %}" + source).render(
        Context(context | {"request": request})
    )


def item(**fields):
    defaults = {
        "kind": "question",
        "at": timezone.now() - timedelta(hours=3),
        "title": "Qui gère la liste d'attente <des lots> ?",
        "url": "/spaces/jardins/threads/3/",
        "summary": 'Nos lots & "jardins" sont pris.',
        "actor": "Éloïse O'Brien",
        "place": "Jardins & potagers",
        "place_url": "/spaces/jardins/",
        "label": "Nouvelle question",
    }
    return FeedItem(**(defaults | fields))


FEEDS = {
    "items": FeedPage(
        items=[item(), item(kind="answer", summary="", place=""), item(actor="")], next_before=None
    ),
    "more": FeedPage(items=[item()], next_before=timezone.now() - timedelta(days=2)),
    "empty": FeedPage(items=[], next_before=None),
    "empty, older ones": FeedPage(items=[], next_before=timezone.now() - timedelta(days=2)),
}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", FEEDS)
def test_the_feed_prints_what_its_template_printed(db, language, name):
    feed = FEEDS[name]
    with translation.override(language):
        expected = FEED.render(Context({"feed": feed}))
        assert squeezed(tag("{% feed_page feed %}", feed=feed)) == squeezed(expected)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_spaces_suggested_print_what_their_template_printed(db, language):
    spaces = []
    for pk, (name, count) in enumerate([("Jardins & potagers", 1), ("L'<atelier>", 16)], 1):
        space = Space(pk=pk, name=name, slug=f"espace-{pk}")
        space.member_count = count
        spaces.append(space)
    with translation.override(language):
        expected = SPACES.render(Context({"spaces": spaces}))
        printed = tag("{% suggested_space_items spaces %}", spaces=spaces)
    assert squeezed(printed) == squeezed(expected)
    assert ("1 member" if language == "en" else "1 membre") in printed


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_popular_interests_print_what_their_template_printed(db, language, settings):
    interests = [
        PopularInterest("arts", "Arts & <culture>", 1234),
        PopularInterest("l-eau", "L'eau", 3),
    ]
    for grouped in (False, True):
        settings.USE_THOUSAND_SEPARATOR = grouped
        with translation.override(language):
            expected = INTERESTS.render(Context({"interests": interests}))
            printed = tag("{% popular_interest_items interests %}", interests=interests)
        assert squeezed(printed) == squeezed(expected)
