"""The spaces pages read the same number of rows-queries whatever the data's size."""

import pytest

from spaces.models import Reaction
from tests.factories import UserFactory, make_reply, make_space, make_thread
from tests.helpers import page_queries


def grow_space(space, author, threads, replies_each):
    for number in range(threads):
        thread = make_thread(space, author, title=f"Sujet {number}")
        thread.interests.set([f"Thème {number % 3}"])
        for _ in range(replies_each):
            reply = make_reply(thread, author)
            Reaction.objects.create(user=author, reply=reply, emoji="👍")


@pytest.fixture
def space(alice, bob):
    return make_space("Jardins", owner=alice, members=[bob], interests=["Sécurité alimentaire"])


def test_space_page_queries_do_not_grow_with_threads(client, space, alice, bob):
    client.force_login(bob)
    grow_space(space, alice, threads=2, replies_each=1)
    few = page_queries(client, f"/en/spaces/{space.slug}/", warm=True)
    grow_space(space, alice, threads=18, replies_each=1)
    assert page_queries(client, f"/en/spaces/{space.slug}/", warm=True) == few


def test_thread_page_queries_do_not_grow_with_replies(client, space, alice, bob):
    client.force_login(bob)
    thread = make_thread(space, alice)
    for _ in range(2):
        Reaction.objects.create(user=UserFactory(), reply=make_reply(thread, alice), emoji="👍")
    url = f"/en/spaces/{space.slug}/threads/{thread.pk}/"
    few = page_queries(client, url, warm=True)
    for _ in range(20):
        Reaction.objects.create(user=UserFactory(), reply=make_reply(thread, bob), emoji="❤️")
    assert page_queries(client, url, warm=True) == few


def test_space_list_queries_do_not_grow_with_spaces(client, alice, bob):
    client.force_login(bob)
    for number in range(2):
        make_space(f"Espace {number}", owner=alice, members=[bob], interests=["Logement"])
    few = page_queries(client, "/en/spaces/", warm=True)
    for number in range(2, 22):
        make_space(f"Espace {number}", owner=alice, members=[bob], interests=["Logement"])
    assert page_queries(client, "/en/spaces/", warm=True) == few


def test_knowledge_queries_do_not_grow_with_answers(client, space, alice, bob):
    client.force_login(bob)

    def answer(count):
        for _ in range(count):
            question = make_thread(space, bob, kind="question")
            question.accepted_reply = make_reply(question, alice)
            question.save()

    answer(2)
    few = page_queries(client, f"/en/spaces/{space.slug}/knowledge/", warm=True)
    answer(15)
    assert page_queries(client, f"/en/spaces/{space.slug}/knowledge/", warm=True) == few
