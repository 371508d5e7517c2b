"""The header of a space's pages and a reply form's fields, written in Python
(spaces.templatetags.space_parts), read as the templates they replace wrote them, for every
kind of reader."""

import re
from types import SimpleNamespace

import pytest
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from spaces import queries
from spaces.forms import ReplyForm
from tests.factories import make_space, make_thread

# What templates/spaces/_space_header.html held before (the space's interests given).
HEADER = """{% load i18n links %}
<header class="space-header">
  {% if space.cover %}<img class="space-cover space-cover-wide" src="{{ space.cover.url }}" width="1200" height="400" alt="">{% endif %}
  <div class="page-title">
    <h1>{{ space.name }}</h1>
    <div class="actions">
      {% if access.can_manage %}<a class="button button-secondary" href="{% link 'spaces:edit' space.slug %}">{% translate "Edit the space" %}</a>{% endif %}
      {% if access.is_member %}
        <form method="post" action="{% link 'spaces:leave' space.slug %}" class="inline-form">{% csrf_token %}<button type="submit" class="button button-secondary">{% translate "Leave" %}</button></form>
      {% elif access.is_invited %}
        <form method="post" action="{% link 'spaces:join' space.slug %}" class="inline-form">{% csrf_token %}<button type="submit" class="button">{% translate "Accept the invitation" %}</button></form>
      {% elif access.has_requested %}
        <span class="muted">{% translate "Your request is waiting for a moderator." %}</span>
        <form method="post" action="{% link 'spaces:leave' space.slug %}" class="inline-form">{% csrf_token %}<button type="submit" class="link-button">{% translate "Withdraw" %}</button></form>
      {% elif access.can_join %}
        <form method="post" action="{% link 'spaces:join' space.slug %}" class="inline-form">{% csrf_token %}<button type="submit" class="button">{% if space.visibility == "open" %}{% translate "Join" %}{% else %}{% translate "Ask to join" %}{% endif %}</button></form>
      {% endif %}
    </div>
  </div>
  {% if space.description %}<p class="lead">{{ space.description|linebreaksbr }}</p>{% endif %}
  <p>{% for tag in interests %}<span class="tag">{{ tag.name }}</span> {% endfor %}</p>
  {% if access.can_read %}
  <nav class="tabs" aria-label="{% translate 'Space sections' %}">
    <a href="{% link 'spaces:detail' space.slug %}" {% if tab == "threads" %}aria-current="page"{% endif %}>{% translate "Discussions" %}</a>
    <a href="{% link 'spaces:chat' space.slug %}" {% if tab == "chat" %}aria-current="page"{% endif %}>{% translate "Chat" %}</a>
    <a href="{% link 'spaces:knowledge' space.slug %}" {% if tab == "knowledge" %}aria-current="page"{% endif %}>{% translate "Knowledge" %}</a>
    <a href="{% link 'spaces:members' space.slug %}" {% if tab == "members" %}aria-current="page"{% endif %}>{% translate "Members" %}{% if request_count %} <span class="badge">{{ request_count }}</span>{% endif %}</a>
    {% if access.can_moderate %}<a href="{% link 'spaces:moderation' space.slug %}" {% if tab == "moderation" %}aria-current="page"{% endif %}>{% translate "Moderation" %}</a>{% endif %}
  </nav>
  {% endif %}
</header>"""  # noqa: E501

NO = {
    "can_manage": False,
    "is_member": False,
    "is_invited": False,
    "has_requested": False,
    "can_join": False,
    "can_read": False,
    "can_moderate": False,
}
READERS = {
    "owner": dict(NO, can_manage=True, is_member=True, can_read=True, can_moderate=True),
    "moderator": dict(NO, is_member=True, can_read=True, can_moderate=True),
    "member": dict(NO, is_member=True, can_read=True),
    "invited": dict(NO, is_invited=True),
    "requested": dict(NO, has_requested=True),
    "outsider of an open space": dict(NO, can_join=True, can_read=True),
    "outsider of a private space": dict(NO, can_join=True),
    "staff": dict(NO, can_manage=True, can_read=True, can_moderate=True),
    "visitor who may only see it": dict(NO),
}


def normalized(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def rendered(source, context):
    return Template(source).render(Context(context))


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("tab", ["threads", "chat", "knowledge", "members", "moderation"])
@pytest.mark.parametrize("reader", READERS)
def test_the_space_header_reads_as_the_template_wrote_it(alice, reader, tab, language):
    visibility = "private" if reader == "outsider of a private space" else "open"
    space = make_space(
        "Potagers & <b>jardins</b>", owner=alice, visibility=visibility, interests=["Jardins"]
    )
    space.description = "Semer, <b>récolter</b>\net partager."
    space.cover.name = "covers/potagers.jpg"
    request = RequestFactory().get("/")
    request.user = alice
    context = {
        "space": space,
        "access": SimpleNamespace(**READERS[reader]),
        "tab": tab,
        "request_count": 3 if reader == "moderator" else None,
        "csrf_token": get_token(request),
        "interests": queries.kept_interests(space),
    }
    with translation.override(language):
        ours = rendered("{% load space_parts %}{% space_header %}", context)
        assert normalized(ours) == normalized(rendered(HEADER, context))
    assert '<span class="tag">Jardins</span>' in ours


def test_a_space_with_neither_cover_nor_description_has_a_plain_header(alice):
    space = make_space("Potagers", owner=alice)
    context = {"space": space, "access": SimpleNamespace(**READERS["member"]), "tab": "chat"}
    interests = {"interests": []}
    ours = rendered("{% load space_parts %}{% space_header %}", context)
    assert normalized(ours) == normalized(rendered(HEADER, {**context, **interests}))
    assert "<img" not in ours and "lead" not in ours


def test_a_thread_names_its_interests_as_tags(alice):
    thread = make_thread(make_space("Potagers", owner=alice), alice)
    thread.interests.add("Semis & boutures", "Compost")
    ours = rendered("{% load space_parts %}{% interest_tags thread %}", {"thread": thread})
    assert ours == (
        '<p><span class="tag">Compost</span> <span class="tag">Semis &amp; boutures</span> </p>'
    )


FIELD = '{% include "components/form_field.html" with field=form.body %}'
KEPT = "{% load space_parts %}{% kept_field form.body %}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_unbound_reply_field_reads_as_the_component_prints_it(db, language):
    with translation.override(language):
        for _ in range(2):  # printed, then kept
            form = ReplyForm()
            assert rendered(KEPT, {"form": form}) == rendered(FIELD, {"form": form})
            attachments = "{% load space_parts %}{% kept_field form.attachments %}"
            assert rendered(attachments, {"form": form}) == rendered(
                '{% include "components/form_field.html" with field=form.attachments %}',
                {"form": form},
            )


def test_a_reply_sent_with_errors_shows_its_own_errors_and_text(db):
    ReplyForm()  # the unbound field kept first
    rendered(KEPT, {"form": ReplyForm()})
    form = ReplyForm({"body": ""})
    form.is_valid()
    ours = rendered(KEPT, {"form": form})
    assert ours == rendered(FIELD, {"form": form})
    assert 'class="error"' in ours
    form = ReplyForm({"body": "x" * 100_000})
    form.is_valid()
    assert "x" * 100 in rendered(KEPT, {"form": form})


def test_a_field_with_an_initial_value_is_printed_each_time(db):
    rendered(KEPT, {"form": ReplyForm()})
    form = ReplyForm(initial={"body": "Bonjour @alice"})
    assert "Bonjour @alice" in rendered(KEPT, {"form": form})
