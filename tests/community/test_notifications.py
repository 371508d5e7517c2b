import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core import mail

from common.live import member_group
from community.models import Notification, NotificationSettings
from tests.factories import make_space, make_thread


def reply(client, thread, body):
    return client.post(f"/en/spaces/{thread.space.slug}/threads/{thread.pk}/", {"body": body})


def test_the_author_is_notified_of_a_reply_in_app_and_by_email(
    client, alice, bob, django_capture_on_commit_callbacks
):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice, title="Semences")
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        reply(client, thread, "Moi j'en ai")
    notification = Notification.objects.get(recipient=alice)
    assert (notification.verb, notification.actor, notification.title) == (
        "reply.created",
        bob,
        "Semences",
    )
    [email] = mail.outbox
    assert email.to == ["alice@example.org"]
    # Alice reads French: her email is in French, with the link to the reply.
    assert email.subject == "[Maillage] Bob Gagnon a répondu à « Semences »"
    assert f"/spaces/jardins/threads/{thread.pk}/#reply-" in email.body
    assert "/en/" not in email.body


def test_replying_to_my_own_thread_notifies_nobody(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(alice)
    reply(client, thread, "Je précise")
    assert not Notification.objects.exists()


def test_a_mentioned_member_is_notified_and_their_name_becomes_a_link(
    client, alice, bob, carol, django_capture_on_commit_callbacks
):
    space = make_space("Jardins", owner=alice, members=[bob, carol])
    thread = make_thread(space, alice)
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        reply(client, thread, "Qu'en penses-tu @carol-roy ? Et @personne ?")
    assert list(Notification.objects.filter(recipient=carol).values_list("verb", flat=True)) == [
        "member.mentioned"
    ]
    page = client.get(f"/en/spaces/{space.slug}/threads/{thread.pk}/").content.decode()
    link = f'<a href="/members/{carol.profile.pk}/" rel="nofollow ugc noopener">@carol-roy</a>'
    assert link in page
    assert "@personne" in page


def test_members_outside_a_private_space_are_not_notified_of_mentions(client, alice, bob, dan):
    space = make_space("Comité", owner=alice, members=[bob], visibility="private")
    thread = make_thread(space, alice)
    client.force_login(bob)
    reply(client, thread, "@dan-cote tu devrais voir ça")
    assert not Notification.objects.filter(recipient=dan).exists()


def test_moderators_are_told_of_a_request_and_the_member_of_the_answer(client, alice, carol, dan):
    space = make_space("Comité", owner=alice, moderator=carol, visibility="private")
    client.force_login(dan)
    client.post(f"/en/spaces/{space.slug}/join/")
    assert sorted(
        Notification.objects.filter(verb="space.join_requested").values_list(
            "recipient__email", flat=True
        )
    ) == ["alice@example.org", "carol@example.org"]
    request = space.memberships.get(user=dan)
    client.force_login(carol)
    client.post(f"/en/spaces/{space.slug}/requests/{request.pk}/", {"decision": "accept"})
    assert Notification.objects.get(recipient=dan).verb == "space.request_accepted"


def test_the_bell_shows_the_unread_count_and_the_list_marks_read(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice, title="Semences")
    client.force_login(bob)
    reply(client, thread, "Un")
    reply(client, thread, "Deux")
    client.force_login(alice)
    page = client.get("/en/").content.decode()
    assert '<span class="badge" data-unread-count >2</span>' in page
    listing = client.get("/en/notifications/")
    texts = [text for _notification, text in listing.context["items"]]
    assert texts == ["Bob Gagnon replied to “Semences”"] * 2
    first = Notification.objects.filter(recipient=alice).first()
    response = client.get(f"/en/notifications/{first.pk}/")
    assert response["Location"].startswith(f"/en/spaces/jardins/threads/{thread.pk}/")
    assert Notification.objects.unread().filter(recipient=alice).count() == 1
    client.post("/en/notifications/read/")
    assert Notification.objects.unread().filter(recipient=alice).count() == 0


def test_nobody_opens_another_members_notification(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)
    reply(client, thread, "Un")
    notification = Notification.objects.get(recipient=alice)
    assert client.get(f"/en/notifications/{notification.pk}/").status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_notification_pages_are_for_members(client, db):
    for url in ["/en/notifications/", "/en/notifications/settings/"]:
        assert client.get(url)["Location"].startswith("/en/accounts/login/")


def test_a_member_turns_off_reply_emails(client, alice, bob, django_capture_on_commit_callbacks):
    client.force_login(alice)
    client.post("/en/notifications/settings/", {"email_mentions": "on", "email_spaces": "on"})
    assert NotificationSettings.objects.get(user=alice).email_replies is False
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        reply(client, thread, "Un")
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert mail.outbox == []


def test_each_notification_is_emailed_once(alice, bob, django_capture_on_commit_callbacks):
    from community.emails import send_notification_emails

    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    from spaces import permissions, services

    with django_capture_on_commit_callbacks(execute=True):
        services.reply_to_thread(access=permissions.access_to(bob, space), thread=thread, body="Un")
    ids = list(Notification.objects.values_list("pk", flat=True))
    send_notification_emails(ids)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_new_notification_updates_the_bell_live(alice, bob):
    from asgiref.sync import sync_to_async

    from spaces import permissions, services

    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)

    async def scenario():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.group_add(member_group(alice.pk), channel)
        access = await sync_to_async(permissions.access_to)(bob, space)
        await sync_to_async(services.reply_to_thread)(access=access, thread=thread, body="Un")
        return await layer.receive(channel)

    assert async_to_sync(scenario)() == {
        "type": "member.event",
        "payload": {"type": "notifications", "unread": 1},
    }
