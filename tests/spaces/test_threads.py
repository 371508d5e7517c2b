from django.db import connection
from django.test.utils import CaptureQueriesContext

from analytics.models import Activity
from spaces.models import Reaction, Thread
from spaces.views._common import REPLIES_PER_PAGE, THREADS_PER_PAGE
from tests.factories import make_reply, make_space, make_thread


def thread_url(thread):
    return f"/en/spaces/{thread.space.slug}/threads/{thread.pk}/"


def test_a_member_starts_a_discussion_rendered_from_markdown(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    client.force_login(bob)
    response = client.post(
        f"/en/spaces/{space.slug}/threads/new/",
        {
            "title": "Semences à partager",
            "kind": "discussion",
            "body": "Qui a des **semences** ?\n\n<script>alert(1)</script>",
            "interests": "Agriculture urbaine",
        },
    )
    thread = Thread.objects.get(title="Semences à partager")
    assert response["Location"] == thread_url(thread)
    page = client.get(thread_url(thread)).content.decode()
    assert "Qui a des <strong>semences</strong> ?" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert list(thread.interests.names()) == ["Agriculture urbaine"]
    assert Activity.objects.filter(verb="discussion.created", actor=bob).count() == 1


def test_a_reply_lands_at_the_end_of_the_thread_and_counts(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)
    response = client.post(thread_url(thread), {"body": "Moi, j'en ai."})
    reply = thread.replies.get()
    assert response["Location"] == f"{thread_url(thread)}?page=1#reply-{reply.pk}"
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert Activity.objects.filter(verb="reply.created", target_id=reply.pk).count() == 1


def test_a_message_over_twenty_thousand_characters_is_refused(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)
    response = client.post(thread_url(thread), {"body": "x" * 1_000_000})
    assert response.status_code == 400
    assert "Ensure this value has at most 20000 characters" in response.content.decode()
    assert thread.replies.count() == 0


def test_the_author_edits_and_the_post_shows_it_was_edited(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    reply = make_reply(thread, bob)
    client.force_login(bob)
    client.post(f"/en/spaces/{space.slug}/reply/{reply.pk}/edit/", {"body": "Corrigé *ici*"})
    reply.refresh_from_db()
    assert reply.body_html == "<p>Corrigé <em>ici</em></p>\n"
    assert reply.edited_at is not None
    assert "edited" in client.get(thread_url(thread)).content.decode()


def test_nobody_else_edits_or_deletes_a_post(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    reply = make_reply(make_thread(space, alice), bob)
    client.force_login(carol)
    assert (
        client.post(f"/en/spaces/{space.slug}/reply/{reply.pk}/edit/", {"body": "x"}).status_code
        == 403
    )
    assert client.post(f"/en/spaces/{space.slug}/reply/{reply.pk}/delete/").status_code == 403
    reply.refresh_from_db()
    assert reply.body == "Voici une piste."


def test_deleting_keeps_the_place_in_the_thread_but_not_the_words(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    reply = make_reply(thread, bob, body="Un secret")
    client.force_login(bob)
    client.post(f"/en/spaces/{space.slug}/reply/{reply.pk}/delete/")
    reply.refresh_from_db()
    assert (reply.body, reply.body_html) == ("", "")
    page = client.get(thread_url(thread)).content.decode()
    assert f'id="reply-{reply.pk}"' in page
    assert "This message was deleted by its author." in page
    assert "Un secret" not in page


def test_a_reaction_counts_once_per_member_and_toggles(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    reply = make_reply(make_thread(space, alice), alice)
    url = f"/en/spaces/{space.slug}/reply/{reply.pk}/react/"
    client.force_login(bob)
    client.post(url, {"emoji": "👍"})
    client.post(url, {"emoji": "❤️"})
    assert sorted(Reaction.objects.filter(reply=reply).values_list("emoji", flat=True)) == [
        "❤️",
        "👍",
    ]
    client.post(url, {"emoji": "👍"})
    assert list(Reaction.objects.filter(reply=reply).values_list("emoji", flat=True)) == ["❤️"]


def test_a_reaction_by_htmx_returns_the_updated_bar(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)
    response = client.post(
        f"/en/spaces/{space.slug}/thread/{thread.pk}/react/",
        {"emoji": "👏"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "<html" not in page
    assert 'class="reaction reaction-mine">👏 <span class="count">1</span>' in page


def test_an_emoji_outside_the_set_is_refused(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)
    response = client.post(f"/en/spaces/{space.slug}/thread/{thread.pk}/react/", {"emoji": "💩"})
    assert response.status_code == 400
    assert not Reaction.objects.exists()


def test_a_locked_thread_takes_replies_from_moderators_only(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    thread = make_thread(space, alice, is_locked=True)
    client.force_login(bob)
    assert client.post(thread_url(thread), {"body": "Encore"}).status_code == 403
    assert "This thread is locked" in client.get(thread_url(thread)).content.decode()
    client.force_login(carol)
    assert client.post(thread_url(thread), {"body": "Dernier mot"}).status_code == 302
    assert thread.replies.count() == 1


def test_pinned_threads_come_first_then_newest_activity(client, alice, carol):
    space = make_space("Jardins", owner=alice, moderator=carol)
    old = make_thread(space, alice, title="Ancien")
    new = make_thread(space, alice, title="Récent")
    client.force_login(carol)
    client.post(f"/en/spaces/{space.slug}/threads/{old.pk}/moderate/", {"action": "pin"})
    titles = [t.title for t in client.get(f"/en/spaces/{space.slug}/").context["page"]]
    assert titles == ["Ancien", "Récent"]
    client.post(f"/en/spaces/{space.slug}/threads/{old.pk}/moderate/", {"action": "unpin"})
    titles = [t.title for t in client.get(f"/en/spaces/{space.slug}/").context["page"]]
    assert titles == ["Récent", "Ancien"]
    assert new.pk


def test_threads_are_marked_unread_until_opened_and_again_after_new_replies(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)

    def unread():
        return [t.is_unread for t in client.get(f"/en/spaces/{space.slug}/").context["page"]]

    assert unread() == [True]
    client.get(thread_url(thread))
    assert unread() == [False]
    client.force_login(alice)
    client.post(thread_url(thread), {"body": "Du nouveau"})
    client.force_login(bob)
    assert unread() == [True]
    client.get(thread_url(thread))
    assert unread() == [False]


def test_opening_a_thread_again_writes_only_when_something_is_new(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)

    def writes_on_opening():
        with CaptureQueriesContext(connection) as queries:
            client.get(thread_url(thread))
        return [
            q["sql"] for q in queries if "threadvisit" in q["sql"] and "SELECT" not in q["sql"][:7]
        ]

    assert writes_on_opening()  # the first visit
    assert writes_on_opening() == []  # nothing new since
    client.force_login(alice)
    client.post(thread_url(thread), {"body": "Du nouveau"})
    client.force_login(bob)
    assert writes_on_opening()
    assert writes_on_opening() == []


def test_threads_and_replies_are_paginated(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    for number in range(25):
        make_thread(space, alice, title=f"Sujet {number:02}")
    thread = make_thread(space, alice, title="Long")
    for number in range(35):
        make_reply(thread, bob, body=f"Réponse {number}")
    client.force_login(bob)
    assert client.get(f"/en/spaces/{space.slug}/").context["page"].paginator.num_pages == 2
    second = client.get(thread_url(thread), {"page": 2}).context["page"]
    assert [reply.body for reply in second] == [f"Réponse {n}" for n in range(30, 35)]


def test_a_post_kind_outside_thread_and_reply_is_not_found(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(alice)
    assert client.post(f"/en/spaces/{space.slug}/space/{thread.pk}/delete/").status_code == 404


def test_a_thread_number_no_column_holds_is_not_found(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    client.force_login(bob)
    for number in (10**30, 2**63):
        assert client.get(f"/en/spaces/{space.slug}/threads/{number}/").status_code == 404


def test_a_long_thread_is_read_page_by_page_and_hidden_replies_count_for_moderators_only(
    client, alice, bob
):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    replies = [make_reply(thread, bob, body=f"Réponse {n}") for n in range(REPLIES_PER_PAGE + 2)]
    replies[0].is_hidden = True
    replies[0].save()
    client.force_login(bob)
    first = client.get(thread_url(thread))
    assert first.context["page"].paginator.count == REPLIES_PER_PAGE + 1
    assert "Réponse 0<" not in first.content.decode()
    last = client.get(f"{thread_url(thread)}?page=2").content.decode()
    assert "Réponse 31" in last and "Réponse 1<" not in last
    # Past the last page: the last page, as Django's paginator answers.
    assert client.get(f"{thread_url(thread)}?page=9").context["page"].number == 2
    client.force_login(alice)  # the owner moderates: hidden replies are listed
    assert client.get(thread_url(thread)).context["page"].paginator.count == REPLIES_PER_PAGE + 2


def test_a_space_lists_its_threads_page_by_page(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    for n in range(THREADS_PER_PAGE + 1):
        make_thread(space, alice, title=f"Sujet {n:02d}")
    client.force_login(bob)
    page = client.get(f"/en/spaces/{space.slug}/").context["page"]
    assert (
        page.paginator.count == THREADS_PER_PAGE + 1 and len(page.object_list) == THREADS_PER_PAGE
    )
    assert len(client.get(f"/en/spaces/{space.slug}/?page=2").context["page"].object_list) == 1
