"""Hidden and deleted posts stay hidden wherever something is derived from them: the home
feed, the knowledge tab and its search, notifications and their emails."""

import html

from django.core import mail

from community.models import Notification
from spaces import services
from spaces.models import Thread
from spaces.permissions import access_to
from spaces.services import moderation
from tests.factories import make_reply, make_space, make_thread
from tests.helpers import assert_queries_stay_the_same


def page(response):
    return html.unescape(response.content.decode())


def answered_question(space, asker, answerer):
    thread = make_thread(space, asker, title="Où trouver des semences ?", kind="question")
    answer = make_reply(thread, answerer, body="À la grainothèque du quartier Limoilou")
    services.accept_answer(by=asker, thread=thread, reply=answer)
    return thread, answer


def test_a_hidden_accepted_answer_leaves_the_feed_and_the_knowledge_search(
    client, alice, bob, carol
):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    thread, answer = answered_question(space, bob, alice)
    client.force_login(bob)
    assert "Limoilou" in page(client.get("/"))
    assert "Limoilou" in page(client.get(f"/spaces/{space.slug}/knowledge/?q=Limoilou"))
    moderation.hide(moderator=carol, space=space, item=answer, reason="Hors sujet")
    for url in ("/", f"/spaces/{space.slug}/knowledge/"):
        assert "Limoilou" not in page(client.get(url)), url
    knowledge = client.get(f"/spaces/{space.slug}/knowledge/?q=Limoilou")
    assert list(knowledge.context["page"]) == []
    assert "grainothèque" not in page(knowledge)


def test_a_deleted_accepted_answer_leaves_the_knowledge_tab(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread, answer = answered_question(space, bob, alice)
    services.delete_post(author=alice, post=answer)
    client.force_login(bob)
    assert list(client.get(f"/spaces/{space.slug}/knowledge/").context["page"]) == []
    assert "Où trouver des semences" in page(client.get("/"))  # the question itself stays


def test_a_notification_about_a_reply_later_hidden_keeps_no_word_of_it(
    client, alice, bob, carol, dan, django_capture_on_commit_callbacks
):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob, dan])
    thread = make_thread(space, dan, title="Semences rares")
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/spaces/{space.slug}/threads/{thread.pk}/", {"body": "Je vends tout !"})
    reply = thread.replies.get()
    moderation.hide(moderator=carol, space=space, item=reply, reason="Publicité")
    notification = Notification.objects.get(recipient=dan, verb="reply.created")
    client.force_login(dan)
    shown = page(client.get("/notifications/"))
    assert "Semences rares" not in shown
    assert "Bob Gagnon" not in shown
    assert "un message que vous ne pouvez plus lire" in shown
    response = client.get(f"/notifications/{notification.pk}/")
    assert response["Location"] == "/notifications/"
    # The email, queued before the moderator hid the reply, is not sent.
    from community.emails import send_notification_emails

    send_notification_emails([notification.pk])
    assert mail.outbox == []


def test_a_moderator_still_reads_the_notification_about_a_post_they_hid(
    client, alice, bob, django_capture_on_commit_callbacks
):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice, title="Semences rares")
    client.force_login(bob)
    client.post(f"/spaces/{space.slug}/threads/{thread.pk}/", {"body": "Je vends tout !"})
    moderation.hide(moderator=alice, space=space, item=thread.replies.get(), reason="")
    client.force_login(alice)
    assert "Bob Gagnon a répondu à « Semences rares »" in page(client.get("/notifications/"))


def test_notifications_about_a_private_space_are_withdrawn_once_the_member_leaves(
    client, alice, bob
):
    space = make_space("Cercle", owner=alice, members=[bob], visibility="private")
    thread = make_thread(space, bob, title="Budget confidentiel")
    client.force_login(alice)
    client.post(f"/spaces/{space.slug}/threads/{thread.pk}/", {"body": "Voici les chiffres"})
    client.force_login(bob)
    assert "Budget confidentiel" in page(client.get("/notifications/"))
    services.leave_space(access=access_to(bob, space))
    assert "Budget confidentiel" not in page(client.get("/notifications/"))


def test_the_notification_list_reads_visibility_in_constant_queries(
    client, alice, bob, django_assert_max_num_queries
):
    space = make_space("Jardins", owner=alice, members=[bob])
    client.force_login(bob)
    for number in range(3):
        thread = make_thread(space, bob, title=f"Fil {number}")
        services.reply_to_thread(access=access_to(alice, space), thread=thread, body="Oui")

    def grow():
        for number in range(12):
            thread = make_thread(space, bob, title=f"Autre {number}")
            services.reply_to_thread(access=access_to(alice, space), thread=thread, body="Oui")
        Thread.objects.update(is_hidden=False)

    assert_queries_stay_the_same(lambda: client.get("/notifications/"), grow)
