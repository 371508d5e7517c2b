"""{% seats_fact %} says what an event's page said of its seats with its {% translate %}
and {% blocktranslate %}, in both languages."""

import pytest
from django.template import Context, Template
from django.utils import translation

OLD = Template(
    "{% load i18n %}"
    '{% if capacity is None %}{% translate "No limit" %}{% else %}{% blocktranslate count counter=seats_left %}{{ counter }} seat left{% plural %}{{ counter }} seats left{% endblocktranslate %} ({% blocktranslate with capacity=capacity %}of {{ capacity }}{% endblocktranslate %}){% endif %}{% if waitlist_count %} · {% blocktranslate count counter=waitlist_count %}{{ counter }} on the waiting list{% plural %}{{ counter }} on the waiting list{% endblocktranslate %}{% endif %}'  # noqa: E501
)
NEW = Template("{% load event_parts %}{% seats_fact capacity seats_left waitlist_count %}")


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("capacity", "seats_left", "waitlist_count"),
    [(None, None, 0), (None, None, 2), (10, 0, 0), (10, 1, 0), (1200, 1100, 1), (3, 0, 5)],
)
def test_seats_fact_says_what_the_template_said(language, capacity, seats_left, waitlist_count):
    context = {"capacity": capacity, "seats_left": seats_left, "waitlist_count": waitlist_count}
    with translation.override(language):
        said = NEW.render(Context(context))
        assert said == OLD.render(Context(context))
    assert said
