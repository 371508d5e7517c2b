"""{% chat_room %} (spaces.templatetags.chat_parts) reads as the chat page's template wrote
the room, for a member who may write and a reader who may not, in both languages."""

import re
from types import SimpleNamespace

import pytest
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from spaces.models import ChatMessage
from tests.factories import make_space

# What templates/spaces/chat.html held before.
ROOM = """{% load i18n chat_parts links %}
<div class="chat" data-chat data-socket="/ws/spaces/{{ space.slug }}/chat/" data-space="{{ space.pk }}" data-me="{{ user.pk }}" data-report="{% link 'spaces:report' space.slug 'chat' 0 %}" data-report-label="{% translate 'Report' %}">
  <section class="chat-main" aria-labelledby="chat-heading">
    <h2 id="chat-heading" class="visually-hidden">{% translate "Chat" %}</h2>
    {% if oldest %}<p><a href="?before={{ oldest }}" data-chat-older>{% translate "Older messages" %}</a></p>{% endif %}
    <ol class="chat-log" data-chat-log aria-live="polite" aria-relevant="additions">
      {% chat_log history True "spaces:report" space.slug "chat" %}
    </ol>
    <p class="error" role="alert" data-chat-error></p>
    {% if access.can_post %}
    <form method="post" class="chat-form" data-chat-form>
      {% csrf_token %}
      <label for="id_body">{% translate "Message" %}</label>
      <div class="chat-input">
        <input type="text" name="body" id="id_body" maxlength="2000" autocomplete="off" required>
        <button type="submit" class="button">{% translate "Send" %}</button>
      </div>
    </form>
    {% else %}
    <p class="callout">{% translate "Join the space to take part in the chat." %}</p>
    {% endif %}
  </section>
  <aside class="chat-presence" aria-labelledby="presence-heading">
    <h2 id="presence-heading">{% translate "Here now" %}</h2>
    <ul data-chat-presence>{% for name in present %}<li>{{ name }}</li>{% endfor %}</ul>
    <p class="muted" data-chat-status>{% translate "Connecting…" %}</p>
  </aside>
</div>"""  # noqa: E501


def normalized(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("can_post", [True, False])
@pytest.mark.parametrize("with_history", [True, False])
def test_the_room_reads_as_the_template_wrote_it(alice, bob, language, can_post, with_history):
    space = make_space("Jardins <&>", owner=alice, members=[bob])
    history = []
    if with_history:
        for author in (alice, bob):
            ChatMessage.objects.create(space=space, author=author, body="Salut <b>")
        history = list(ChatMessage.objects.select_related("author__profile").order_by("pk"))
    request = RequestFactory().get("/")
    request.user = bob
    context = {
        "space": space,
        "access": SimpleNamespace(can_post=can_post),
        "user": bob,
        "request": request,
        "csrf_token": get_token(request),
        "history": history,
        "oldest": history[0].pk if history else None,
        "present": ["Alice <A>", "Bob & co"],
    }
    with translation.override(language):
        ours = Template("{% load chat_parts %}{% chat_room history oldest present %}").render(
            Context(context)
        )
        theirs = Template(ROOM).render(Context(context))
    assert normalized(ours) == normalized(theirs)
