"""{% table_cards %} prints the workshop tables page's cards as the template's loop over
the tables printed them, whoever reads the page and whatever their tables' state."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from events.models import Event, Registration
from events.services import workshops
from members.models import Profile
from tests.factories import UserFactory
from tests.helpers import ago, attend, move_event

# The page's loop as it was, kept beside this test.
LOOP = Template((Path(__file__).parent / "table_cards_loop.html").read_text())
TAG = Template("{% load table_parts %}  {% table_cards tables %}\n")


def _both(client, event, language="fr"):
    response = client.get(reverse("events:tables", args=[event.slug]))
    assert response.status_code == 200
    context = response.context[0].flatten()  # the page's own template
    with translation.override(language):
        return TAG.render(Context(context)), LOOP.render(Context(context))


@pytest.fixture
def tables(make_event, alice, bob, carol, dan, staff):
    event = make_event(capacity=None, audience=Event.Audience.PUBLIC)
    first = workshops.add_table(
        event=event, theme="Jardins & <toits>", by=staff, capacity=2,
        description="Première ligne\nDeuxième <ligne> & fin", facilitator=dan,
    )  # fmt: skip
    second = workshops.add_table(event=event, theme="Compta", by=staff, capacity=1)
    workshops.add_table(event=event, theme="Vide", by=staff)
    attend(event, alice, bob, carol, dan)
    Registration.objects.filter(event=event, user=carol).update(is_listed=False)
    Profile.objects.filter(user=bob).update(display_name="Bob <b>Gagnon</b>")
    workshops.choose_table(table=first, user=bob)
    workshops.choose_table(table=first, user=carol)
    workshops.choose_table(table=second, user=alice)
    return event


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("who", ["alice", "seatless", "dan", "staff", "visitor"])
def test_table_cards_print_as_the_loop_did(
    client, tables, alice, dan, staff_with_totp, who, language
):
    if who == "seatless":
        user = UserFactory(email="sans-table@example.org")
        attend(tables, user)
        client.force_login(user)
    elif who != "visitor":
        client.force_login({"alice": alice, "dan": dan, "staff": staff_with_totp}[who])
    client.cookies["django_language"] = language
    printed, looped = _both(client, tables, language)
    assert printed == looped
    assert printed.count('<li class="card workshop-table') == 3


def test_past_tables_print_as_the_loop_did(alice_client, tables):
    move_event(tables, starts_at=ago(days=2))
    printed, looped = _both(alice_client, tables)
    assert printed == looped
    assert "Lire les notes" in printed
