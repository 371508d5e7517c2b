"""The events list's filters: printed as each field's components/form_field.html would
print it, kept per language while no filter is chosen; the interests offered are those some
event has, afresh when an event's interests change."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from common.templatetags.kept_forms import filter_fields
from events.forms.pages import EventFilterForm
from tests.helpers import text

LOOP = Template('{% for field in form %}{% include "components/form_field.html" %}{% endfor %}')


def _as_the_loop_prints(form):
    return LOOP.render(Context({"form": form}))


@pytest.mark.parametrize(
    "data",
    [None, {}, {"when": "past", "page": "2"}, {"interest": "logement"}, {"format": "online"},
     {"start": "2030-01-01", "end": "2029-01-01"}, {"start": "pas une date"},
     {"interest": "inconnu"}],
)  # fmt: skip
@pytest.mark.parametrize("language", ["fr", "en"])
def test_filters_print_as_the_field_template_does(make_event, data, language):
    make_event(interests=["Logement", "Arts"])
    with translation.override(language):
        for _ in range(2):  # printed, then kept
            form = EventFilterForm(data)
            form.is_valid()
            assert str(filter_fields(form)) == _as_the_loop_prints(form)


def test_filters_offer_the_interests_events_have(alice_client, make_event):
    event = make_event(interests=["Logement"])
    url = reverse("events:list")
    assert '<option value="logement">Logement</option>' in text(alice_client.get(url))
    assert "Arts" not in text(alice_client.get(url))
    event.interests.add("Arts")
    assert '<option value="arts">Arts</option>' in text(alice_client.get(url))
    event.interests.remove("Logement")
    assert "logement" not in text(alice_client.get(url))
    event.delete()
    assert "arts" not in text(alice_client.get(url))


def test_a_renamed_interest_is_offered_by_its_new_name(alice_client, make_event):
    from members.models import Interest

    make_event(interests=["Logement"])
    url = reverse("events:list")
    assert ">Logement</option>" in text(alice_client.get(url))
    interest = Interest.objects.get(name="Logement")
    interest.name = "Logement social"
    interest.save()
    assert ">Logement social</option>" in text(alice_client.get(url))
