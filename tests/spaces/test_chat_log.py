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
