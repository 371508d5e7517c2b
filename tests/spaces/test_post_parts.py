"""A post and its reaction bar, written in Python (spaces.templatetags.post_parts), read as
the templates they replace wrote them, in every state a reader meets."""

import re
from types import SimpleNamespace

import pytest
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from spaces.models import Attachment
from tests.factories.spaces import ReplyFactory, ThreadFactory

# What templates/spaces/_post.html and _reactions.html held before.
REACTIONS = """{% load i18n %}
<div class="reactions" id="reactions-{{ kind }}-{{ post.pk }}">
  {% for emoji, count, mine in reactions %}
    <span class="reaction{% if mine %} reaction-mine{% endif %}">{{ emoji }} <span class="count">{{ count }}</span></span>
  {% endfor %}
  {% if can_react %}
  <form method="post" action="{% url 'spaces:react' space.slug kind post.pk %}" class="inline-form react-form"
        hx-post="{% url 'spaces:react' space.slug kind post.pk %}" hx-target="#reactions-{{ kind }}-{{ post.pk }}" hx-swap="outerHTML">
    {% csrf_token %}
    {% for value, label in emoji_choices %}
      <button type="submit" name="emoji" value="{{ value }}" class="emoji-button" title="{{ label }}" aria-label="{{ label }}">{{ value }}</button>
    {% endfor %}
  </form>
  {% endif %}
</div>"""  # noqa: E501

POST = """{% load moments i18n people %}
<div class="post-meta">
  {% if post.author.is_active %}{% avatar post.author.profile "small" %}{% endif %}
  <div>
    {% author post.author %}
    <p class="muted">{% moment post.created_at "DATETIME_FORMAT" %}{% if post.edited_at and not post.is_deleted %} · <span>{% translate "edited" %}</span>{% endif %}</p>
  </div>
</div>
{% if post.is_deleted %}
  <p class="muted deleted">{% translate "This message was deleted by its author." %}</p>
{% elif post.is_hidden and not access.can_moderate %}
  <p class="muted deleted">{% translate "This message is hidden by a moderator." %}</p>
{% else %}
  {% if post.is_hidden %}<p class="flag">{% translate "Hidden from members" %}</p>{% endif %}
  <div class="post-body">{{ post.body_html|safe }}</div>
  {% if files %}
  <ul class="attachments" aria-label="{% translate 'Attachments' %}">
    {% for file in files %}
      <li>{% if file.is_image %}<a href="{% url 'spaces:attachment' space.slug file.pk %}"><img src="{% url 'spaces:attachment' space.slug file.pk %}" alt="{{ file.name }}" loading="lazy"></a>{% else %}<a href="{% url 'spaces:attachment' space.slug file.pk %}" download>📎 {{ file.name }}</a> <span class="muted">({{ file.size|filesizeformat }})</span>{% endif %}</li>
    {% endfor %}
  </ul>
  {% endif %}
  {% include "spaces/_reference_reactions.html" with can_react=access.can_post %}
  <p class="post-actions">
    {% if post.author_id == user.pk and access.can_post %}
    <a href="{% url 'spaces:post_edit' space.slug kind post.pk %}">{% translate "Edit" %}</a>
    <form method="post" action="{% url 'spaces:post_delete' space.slug kind post.pk %}" class="inline-form">{% csrf_token %}<button type="submit" class="link-button">{% translate "Delete" %}</button></form>
    {% elif post.author_id != user.pk %}
    <a href="{% url 'spaces:report' space.slug kind post.pk %}">{% translate "Report" %}</a>
    {% endif %}
    {% if access.can_moderate %}
    <form method="post" action="{% url 'spaces:moderate_item' space.slug kind post.pk %}" class="inline-form">
      {% csrf_token %}<input type="hidden" name="next" value="{{ request.get_full_path }}">
      {% if post.is_hidden %}<button type="submit" name="action" value="restore" class="link-button">{% translate "Restore" %}</button>{% else %}<button type="submit" name="action" value="hide" class="link-button">{% translate "Hide" %}</button>{% endif %}
    </form>
    {% endif %}
  </p>
{% endif %}"""  # noqa: E501


def normalized(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def rendered(source, context):
    return Template(source).render(Context(context))


@pytest.fixture
def reference_reactions(settings, tmp_path):
    folder = tmp_path / "spaces"
    folder.mkdir()
    (folder / "_reference_reactions.html").write_text(REACTIONS)
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]


@pytest.mark.parametrize("reader", ["author", "member", "moderator"])
@pytest.mark.parametrize("state", ["shown", "edited", "hidden", "deleted"])
def test_a_post_reads_as_the_template_wrote_it(reference_reactions, alice, bob, reader, state):
    from spaces.models import Reaction

    thread = ThreadFactory(author=alice)
    reply = ReplyFactory(thread=thread, author=alice, body_html="<p>Une <em>piste</em></p>")
    if state == "edited":
        reply.edited_at = timezone.now()
    elif state == "hidden":
        reply.is_hidden = True
    elif state == "deleted":
        reply.deleted_at = timezone.now()
    files = [
        Attachment(pk=7, name="plan <v2>.pdf", size=123456, content_type="application/pdf"),
        Attachment(pk=8, name="photo.jpg", size=2000, content_type="image/jpeg", is_image=True),
    ]
    user = alice if reader == "author" else bob
    request = RequestFactory().get("/en/spaces/x/?page=2")
    request.user = user
    context = {
        "post": reply,
        "kind": "reply",
        "reactions": [("👍", 3, True), ("❤️", 1, False)],
        "files": files,
        "space": thread.space,
        "access": SimpleNamespace(can_post=True, can_moderate=reader == "moderator"),
        "user": user,
        "request": request,
        "csrf_token": get_token(request),
        "emoji_choices": Reaction.Emoji.choices,
    }
    ours = rendered("{% load post_parts %}{% post post kind reactions files %}", context)
    assert normalized(ours) == normalized(rendered(POST, context))


@pytest.mark.parametrize("reader", ["author", "member", "moderator"])
def test_a_page_of_replies_prints_each_as_the_post_tag_alone(alice, bob, carol, reader):
    """reply_items reads the page's texts, token and links once for all its replies: each
    reply still reads as {% post %} prints it, whoever wrote it."""
    thread = ThreadFactory(author=alice)
    replies = [
        ReplyFactory(thread=thread, author=author, body_html=f"<p>{number}</p>")
        for number, author in enumerate([alice, bob, carol, alice])
    ]
    replies[1].is_hidden = True
    user = alice if reader == "author" else bob
    request = RequestFactory().get("/en/spaces/x/?page=2")
    request.user = user
    context = {
        "space": thread.space,
        "access": SimpleNamespace(can_post=True, can_moderate=reader == "moderator"),
        "user": user,
        "request": request,
        "csrf_token": get_token(request),
        "thread": thread,
        "replies": [(reply, [("👍", 1, False)], []) for reply in replies],
    }
    page = rendered("{% load post_parts %}{% reply_items replies thread False %}", context)
    alone = [
        rendered(
            "{% load post_parts %}{% post reply 'reply' counts files %}",
            {**context, "reply": reply, "counts": counts, "files": files},
        )
        for reply, counts, files in context["replies"]
    ]
    assert page == "\n".join(
        f'<li id="reply-{reply.pk}" class="post">{post}</li>'
        for reply, post in zip(replies, alone, strict=True)
    )


@pytest.mark.parametrize("can_accept", [True, False])
def test_the_accepted_answer_is_flagged_and_its_form_shown_to_who_may_accept(
    alice, bob, can_accept
):
    thread = ThreadFactory(author=alice)
    answer, other = ReplyFactory(thread=thread, author=bob), ReplyFactory(thread=thread, author=bob)
    thread.accepted_reply_id = answer.pk
    request = RequestFactory().get("/en/spaces/x/")
    request.user = alice
    token = get_token(request)
    context = {
        "space": thread.space,
        "access": SimpleNamespace(can_post=True, can_moderate=False),
        "user": alice,
        "request": request,
        "csrf_token": token,
        "thread": thread,
        "can_accept": can_accept,
        "replies": [(answer, [], []), (other, [], [])],
    }
    with translation.override("en"):
        page = rendered("{% load post_parts %}{% reply_items replies thread can_accept %}", context)
    first, second = page.split(f'<li id="reply-{other.pk}"')
    flag = '<p class="flag flag-ok">Accepted answer</p>'
    assert first.startswith(f'<li id="reply-{answer.pk}" class="post accepted">{flag}')
    assert "flag-ok" not in second
    action = f"/en/spaces/{thread.space.slug}/threads/{thread.pk}/accept/"
    token_input = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    remove = (
        f'<form method="post" action="{action}" class="inline-form">{token_input}'
        '<button type="submit" class="link-button">Remove the accepted answer</button></form></li>'
    )
    mark = (
        f'<form method="post" action="{action}" class="inline-form">{token_input}'
        f'<input type="hidden" name="reply" value="{other.pk}">'
        '<button type="submit" class="link-button">Mark as the accepted answer</button></form></li>'
    )
    assert first.strip().endswith(remove) is can_accept
    assert second.endswith(mark) is can_accept
    assert ('<form method="post" action="' + action) in page or not can_accept
