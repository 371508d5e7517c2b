"""{% table_items %} prints an event's tables on its page as the template's loop printed
them, with and without a facilitator, for a member and a visitor, in both languages."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from events.services import workshops
from events.views.pages import _TABLES
from members.models import Profile

LOOP = Template(
    "{% load i18n people %}"
    '{% for table in tables %}<li>{{ table.theme }}{% if table.facilitator %} <span class="muted">· {% person_name table.facilitator.profile as name %}{% blocktranslate %}facilitated by {{ name }}{% endblocktranslate %}</span>{% endif %}</li>{% endfor %}'  # noqa: E501
)
TAG = Template("{% load event_parts %}{% table_items tables %}")


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("viewer", ["alice", "visitor"])
def test_table_items_print_as_the_loop_did(make_event, alice, bob, staff, viewer, language):
    event = make_event()
    Profile.objects.filter(user=bob).update(display_name="<b>Bob</b> & co")
    workshops.add_table(event=event, theme="Logement <social>", by=staff, facilitator=bob)
    workshops.add_table(event=event, theme="Financement", by=staff)
    workshops.add_table(event=event, theme="Jardins", by=staff, facilitator=staff)
    request = RequestFactory().get("/")
    request.user = alice if viewer == "alice" else AnonymousUser()
    context = {"tables": _TABLES(event=event.pk), "request": request}
    with translation.override(language):
        printed = TAG.render(Context(context))
        assert printed == LOOP.render(Context(context))
    assert printed.count("<li>") == 3
    assert "Logement &lt;social&gt;" in printed
