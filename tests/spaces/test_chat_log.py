"""A chat's log names each author once per page (spaces.templatetags.chat_parts): every
message still names its author as members' {% author %} and author_name do, for the
reader, whoever wrote it."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from members.templatetags import people
from spaces.models import ChatMessage
from spaces.services import chat
from tests.factories import make_space


@pytest.mark.parametrize("linked", [True, False])
def test_each_message_names_its_author_for_the_reader(alice, bob, carol, dan, linked):
    space = make_space("Jardins", owner=alice, members=[bob, carol])
    bob.profile.visibility = "hidden"
    bob.profile.save()
    for author in (alice, bob, carol, alice, bob, carol):
        ChatMessage.objects.create(space=space, author=author, body="Bonjour")
    carol.delete()
    history = list(ChatMessage.objects.select_related("author__profile").order_by("pk"))
    request = RequestFactory().get("/")
    request.user = dan
    context = Context({"history": history, "request": request, "linked": linked})
    with translation.override("en"):
        log = Template(
            '{% load chat_parts %}{% chat_log history linked "spaces:report" "jardins" "chat" %}'
        ).render(context)
    names = re.findall(r'<li class="chat-message" data-id="\d+">(.*?)<time', log)
    with translation.override("en"):
        if linked:
            expected = [people.author(context, m.author, "chat-author") for m in history]
        else:
            expected = [
                f'<span class="chat-author">{people.author_name(context, m.author)}</span>'
                for m in history
            ]
    assert names == expected
    assert 'class="chat-author">A former member<' in log


TEXTS = """{% load i18n %}<template id="chat-texts" data-connected="{% translate 'Connected' %}" data-reconnecting="{% translate 'Connection lost, reconnecting…' %}" data-former="{% translate 'A former member' %}" data-signedout="{% translate 'You are signed out: sign in again to follow the discussion.' %}" data-forbidden="{% translate 'You can no longer follow this discussion.' %}"></template>"""  # noqa: E501


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_texts_of_the_chat_script_read_as_the_template_wrote_them(language):
    with translation.override(language):
        for _ in range(2):  # printed, then kept
            ours = Template("{% load chat_parts %}{% chat_texts %}").render(Context())
            assert ours == Template(TEXTS).render(Context())


@pytest.mark.parametrize("before", [False, True])
def test_the_room_page_prints_the_log_the_messages_as_models_printed(
    alice, bob, carol, dan, before
):
    """spaces.services.chat.page_messages reads columns, not models: the log it prints is
    the one recent_messages' models print, for a deleted author, a hidden profile, a
    hidden message and the reader's own messages (not reported)."""
    space = make_space("Jardins", owner=alice, members=[bob, carol, dan])
    bob.profile.visibility = "hidden"
    bob.profile.save()
    for author in (alice, bob, carol, dan, alice, bob, carol, dan):
        ChatMessage.objects.create(
            space=space, author=author, body="Bonjour\r\n<b>à tous</b>\rà\nbientôt"
        )
    ChatMessage.objects.filter(pk=ChatMessage.objects.filter(author=alice).first().pk).update(
        is_hidden=True
    )
    carol.delete()
    last = ChatMessage.objects.order_by("pk").last().pk + 1 if before else None
    request = RequestFactory().get("/")
    request.user = dan
    template = Template(
        '{% load chat_parts %}{% chat_log history True "spaces:report" "jardins" "chat" %}'
    )

    def log(history):
        with translation.override("en"):
            return template.render(Context({"history": history, "request": request}))

    shown = chat.page_messages(space, before=last)
    assert len(shown) == 7
    assert log(shown) == log(chat.recent_messages(space, before=last))
    assert "A former member" in log(shown) and "chat-report" in log(shown)
    assert "<p>Bonjour<br>&lt;b&gt;à tous&lt;/b&gt;<br>à<br>bientôt</p>" in log(shown)
