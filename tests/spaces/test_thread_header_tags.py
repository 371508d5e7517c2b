"""{% thread_header %} and {% reply_section %} (spaces.templatetags.post_parts) read as the
thread page's template wrote them, for every reader and every state of the thread."""

import re
from types import SimpleNamespace

import pytest
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from spaces.forms import ReplyForm
from tests.factories import make_reply
from tests.factories.spaces import ThreadFactory

# What templates/spaces/thread_detail.html held before.
HEADER = """{% load i18n links %}
  <header class="page-title">
    <h1>{{ thread.title }}</h1>
    <div class="actions">
      {% if thread.is_pinned %}<span class="flag">{% translate "Pinned" %}</span>{% endif %}
      {% if thread.is_locked %}<span class="flag">{% translate "Locked" %}</span>{% endif %}
      {% if thread.is_question %}<span class="flag {% if thread.is_answered %}flag-ok{% endif %}">{% if thread.is_answered %}{% translate "Answered" %}{% else %}{% translate "Question" %}{% endif %}</span>{% endif %}
      {% if access.can_moderate %}
      <form method="post" action="{% link 'spaces:moderate_thread' space.slug thread.pk %}" class="inline-form">
        {% csrf_token %}
        <button type="submit" name="action" value="{% if thread.is_pinned %}unpin{% else %}pin{% endif %}" class="button button-small button-secondary">{% if thread.is_pinned %}{% translate "Unpin" %}{% else %}{% translate "Pin" %}{% endif %}</button>
        <button type="submit" name="action" value="{% if thread.is_locked %}unlock{% else %}lock{% endif %}" class="button button-small button-secondary">{% if thread.is_locked %}{% translate "Unlock" %}{% else %}{% translate "Lock" %}{% endif %}</button>
      </form>
      {% endif %}
    </div>
  </header>"""  # noqa: E501

SECTION = """{% load i18n links space_parts %}
{% if access.can_post and not thread.is_locked or access.can_moderate %}
<section aria-labelledby="reply-heading">
  <h2 id="reply-heading">{% translate "Reply" %}</h2>
  <form method="post" action="{{ thread.get_absolute_url }}" class="stacked" enctype="multipart/form-data" novalidate>
    {% csrf_token %}
    <div data-mentions="{% link 'spaces:mentions' space.slug %}">
      {% kept_field form.body %}
      <div class="mention-suggestions" data-mention-list aria-live="polite"></div>
    </div>
    {% kept_field form.attachments %}
    <button type="submit" class="button">{% translate "Send my reply" %}</button>
  </form>
</section>
{% elif thread.is_locked %}
<p class="callout">{% translate "This thread is locked: no new replies." %}</p>
{% elif access.can_join %}
<p class="callout">{% translate "Join the space to reply." %}</p>
{% endif %}"""  # noqa: E501


def normalized(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


READERS = {
    "member": {"can_post": True, "can_moderate": False, "can_join": False},
    "moderator": {"can_post": True, "can_moderate": True, "can_join": False},
    "outsider who may join": {"can_post": False, "can_moderate": False, "can_join": True},
    "outsider": {"can_post": False, "can_moderate": False, "can_join": False},
}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("state", ["plain", "pinned and locked", "question", "answered"])
def test_the_header_and_the_reply_section_read_as_the_template_wrote_them(
    alice, bob, language, reader, state
):
    thread = ThreadFactory(author=alice, title="Des <idées> & plus")
    if state == "pinned and locked":
        thread.is_pinned = thread.is_locked = True
    elif state in ("question", "answered"):
        thread.kind = "question"
        if state == "answered":
            thread.accepted_reply = make_reply(thread, bob)
    thread.save()
    request = RequestFactory().get("/")
    request.user = bob
    context = {
        "space": thread.space,
        "thread": thread,
        "access": SimpleNamespace(**READERS[reader]),
        "user": bob,
        "request": request,
        "csrf_token": get_token(request),
        "form": ReplyForm(),
    }
    with translation.override(language):
        for ours, theirs in (
            ("{% load post_parts %}{% thread_header thread %}", HEADER),
            ("{% load post_parts %}{% reply_section thread form %}", SECTION),
        ):
            expected = Template(theirs).render(Context(context))
            assert normalized(Template(ours).render(Context(context))) == normalized(expected)
