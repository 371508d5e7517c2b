"""{% event_record %} prints what a past event left as its page's three
{% blocktranslate count %} printed it, in both languages."""

import pytest
from django.template import Context, Template
from django.utils import translation

OLD = Template(
    "{% load i18n %}"
    "<p>{% blocktranslate count counter=record.attended %}{{ counter }} person attended.{% plural %}{{ counter }} people attended.{% endblocktranslate %}\n"  # noqa: E501
    "    {% if record.answered_count %}{% blocktranslate count counter=record.answered_count %}{{ counter }} question answered live.{% plural %}{{ counter }} questions answered live.{% endblocktranslate %}{% endif %}\n"  # noqa: E501
    "    {% if record.poll_count %}{% blocktranslate count counter=record.poll_count %}{{ counter }} poll.{% plural %}{{ counter }} polls.{% endblocktranslate %}{% endif %}</p>"  # noqa: E501
)
NEW = Template("{% load event_parts %}{% event_record record %}")


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("attended", "answered", "polls"), [(0, 0, 0), (1, 1, 1), (12, 3, 0), (2, 0, 5)]
)
def test_event_record_prints_as_the_template_did(language, attended, answered, polls):
    record = {"attended": attended, "answered_count": answered, "poll_count": polls}
    with translation.override(language):
        printed = NEW.render(Context({"record": record}))
        assert printed == OLD.render(Context({"record": record}))
    assert str(attended) in printed
