from datetime import timedelta

from django.utils import timezone

from spaces.models import Thread
from tests.factories import make_reply, make_space, make_thread
from tests.helpers import assert_queries_stay_the_same


def titles(response):
    return [(item.kind, item.title) for item in response.context["feed"].items]


def aged(thread, minutes):
    moment = timezone.now() - timedelta(minutes=minutes)
    Thread.objects.filter(pk=thread.pk).update(created_at=moment)
    return moment


def test_the_feed_shows_new_discussions_and_answers_from_my_spaces(client, alice, bob, dan):
    mine = make_space("Jardins", owner=alice, members=[bob])
    other = make_space("Théâtre", owner=alice)
    aged(make_thread(mine, alice, title="Semences"), 30)
    question = make_thread(mine, alice, title="Compost ?", kind="question")
    aged(question, 20)
    Thread.objects.filter(pk=question.pk).update(
        accepted_reply=make_reply(question, bob), answered_at=timezone.now() - timedelta(minutes=5)
    )
    aged(make_thread(other, alice, title="Répétition"), 10)
    hidden = make_thread(mine, alice, title="Masqué", is_hidden=True)
    assert hidden.pk
    client.force_login(bob)
    assert titles(client.get("/en/")) == [
        ("answer", "Compost ?"),
        ("question", "Compost ?"),
        ("thread", "Semences"),
    ]


def test_the_feed_pages_through_time_without_repeats(client, alice, bob, settings):
    from community import feed

    space = make_space("Jardins", owner=alice, members=[bob])
    for number in range(25):
        aged(make_thread(space, alice, title=f"Sujet {number:02}"), 60 - number)
    client.force_login(bob)
    first = client.get("/en/")
    assert len(first.context["feed"].items) == feed.PAGE_SIZE
    cursor = first.context["feed"].next_before.isoformat()
    second = client.get("/en/", {"before": cursor}, headers={"HX-Request": "true"})
    assert "<html" not in second.content.decode()
    seen = [item.title for item in first.context["feed"].items + second.context["feed"].items]
    assert seen == [f"Sujet {number:02}" for number in range(24, -1, -1)]
    assert second.context["feed"].next_before is None


def test_a_broken_cursor_shows_the_newest_page(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    make_thread(space, alice, title="Semences")
    client.force_login(bob)
    assert titles(client.get("/en/", {"before": "hier"})) == [("thread", "Semences")]


def test_the_feed_query_count_does_not_grow(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])

    def grow(count):
        for _ in range(count):
            question = make_thread(space, alice, kind="question")
            question.accepted_reply = make_reply(question, bob)
            question.answered_at = timezone.now()
            question.save()

    client.force_login(bob)
    grow(2)
    assert_queries_stay_the_same(lambda: client.get("/en/"), lambda: grow(15))
