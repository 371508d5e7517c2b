"""A thread's page reads the attachments and reactions of its posts in one query
(spaces.views.posts): each post still shows its own, files in the order they came."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from spaces.models import Attachment, Reaction
from spaces.views._common import REPLIES_PER_PAGE
from tests.factories import make_reply, make_space, make_thread


def test_each_post_shows_its_own_files_and_reactions(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, members=[bob, carol])
    thread = make_thread(space, alice)
    first, second = make_reply(thread, bob), make_reply(thread, carol)
    Attachment.objects.create(thread=thread, file="a/plan.pdf", name="plan.pdf", size=2048)
    Attachment.objects.create(reply=first, file="a/b.png", name="b.png", size=10, is_image=True)
    Attachment.objects.create(reply=first, file="a/a.pdf", name="a.pdf", size=5000)
    for user, emoji in ((bob, "👍"), (carol, "👍"), (carol, "💡")):
        Reaction.objects.create(user=user, thread=thread, emoji=emoji)
    Reaction.objects.create(user=alice, reply=second, emoji="❤️")
    client.force_login(bob)
    html = client.get(thread.get_absolute_url()).content.decode()
    thread_part = html.split('<ol class="replies">', 1)[0]
    assert re.findall(r"📎 ([\w.]+)</a>", thread_part) == ["plan.pdf"]
    counts = r'class="reaction( reaction-mine)?">(\S+) <span class="count">(\d)'
    assert re.findall(counts, thread_part) == [(" reaction-mine", "👍", "2"), ("", "💡", "1")]
    first_part = html.split(f'id="reply-{first.pk}"', 1)[1].split(f'id="reply-{second.pk}"', 1)[0]
    assert re.findall(r'alt="([\w.]+)"|📎 ([\w.]+)</a>', first_part) == [
        ("b.png", ""),
        ("", "a.pdf"),
    ]
    assert '<span class="count">' not in first_part
    second_part = html.split(f'id="reply-{second.pk}"', 1)[1]
    assert "attachments" not in second_part.split("</li>", 1)[0]
    assert re.findall(counts, second_part) == [("", "❤️", "1")]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("number", [1, 2])
def test_a_long_threads_page_links_read_as_the_pagination_template(
    client, alice, bob, language, number
):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    for reply in range(REPLIES_PER_PAGE + 2):
        make_reply(thread, bob, body=f"Réponse {reply}")
    client.force_login(bob)
    with translation.override(language):
        response = client.get(thread.get_absolute_url(), {"page": number})
        expected = render_to_string(
            "components/pagination.html", {"page": response.context["page"]}
        )
    html = response.content.decode()
    start = html.index('<nav class="pagination"')
    nav = html[start : html.index("</nav>", start) + len("</nav>")]
    assert " ".join(nav.split()) == " ".join(expected.split())
