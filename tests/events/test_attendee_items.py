"""{% attendee_items %} prints an event's attendees as the template's loop of {% person %}
printed them, for a member and for a visitor."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from events import queries
from events.models import Event
from members.models import Profile
from tests.helpers import attend

LOOP = Template(
    '{% load people %}{% for profile in attendees %}<li>{% person profile "tag" %}</li>{% endfor %}'
)
TAG = Template("{% load event_parts %}{% attendee_items attendees %}")


@pytest.mark.parametrize("viewer", ["alice", "visitor"])
def test_attendee_items_print_as_the_loop_did(make_event, alice, bob, carol, dan, viewer):
    event = make_event(audience=Event.Audience.PUBLIC)
    Profile.objects.filter(user=dan).update(visibility=Profile.Visibility.PUBLIC)
    Profile.objects.filter(user=carol).update(display_name="<b>Carol</b> & co")
    attend(event, alice, bob, carol, dan)
    user = alice if viewer == "alice" else AnonymousUser()
    attendees, _count = queries.listed_attendees(event, user)
    request = RequestFactory().get("/")
    request.user = user
    context = {"attendees": attendees, "request": request}
    printed = TAG.render(Context(context))
    assert printed == LOOP.render(Context(context))
    assert printed.count("<li>") == (4 if viewer == "alice" else 1)
