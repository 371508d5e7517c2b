from django.utils import timezone

from community.models import Notification
from spaces.models import ChatMessage, Membership, ModerationAction, Report
from tests.factories import make_reply, make_space, make_thread


def test_a_member_reports_a_reply_and_moderators_see_it_in_their_queue(
    client, alice, bob, carol, dan
):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob, dan])
    reply = make_reply(make_thread(space, alice), dan, body="Achetez mes produits !")
    client.force_login(bob)
    url = f"/en/spaces/{space.slug}/reply/{reply.pk}/report/"
    assert client.get(url).status_code == 200
    client.post(url, {"reason": "spam", "details": "Publicité"})
    client.post(url, {"reason": "spam"})
    assert Report.objects.count() == 1
    assert sorted(
        Notification.objects.filter(verb="content.reported").values_list(
            "recipient__email", flat=True
        )
    ) == ["alice@example.org", "carol@example.org"]
    client.force_login(carol)
    queue = client.get(f"/en/spaces/{space.slug}/moderation/")
    assert [r.reply for r in queue.context["page"]] == [reply]
    client.force_login(bob)
    assert client.get(f"/en/spaces/{space.slug}/moderation/").status_code == 403


def test_hiding_a_reply_resolves_its_reports_records_it_and_tells_the_author(
    client, alice, bob, carol, dan
):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob, dan])
    thread = make_thread(space, alice)
    reply = make_reply(thread, dan, body="Achetez mes produits !")
    client.force_login(bob)
    client.post(f"/en/spaces/{space.slug}/reply/{reply.pk}/report/", {"reason": "spam"})
    client.force_login(carol)
    client.post(
        f"/en/spaces/{space.slug}/reply/{reply.pk}/moderate/",
        {"action": "hide", "reason": "Pas de publicité ici."},
    )
    reply.refresh_from_db()
    assert reply.is_hidden
    assert Report.objects.get().resolution == "hidden"
    action = ModerationAction.objects.get()
    assert (action.kind, action.moderator, action.member, action.reason) == (
        "hide",
        carol,
        dan,
        "Pas de publicité ici.",
    )
    told = Notification.objects.get(recipient=dan, verb="content.hidden")
    assert told.detail == "Pas de publicité ici."
    client.force_login(bob)
    page = client.get(f"/en/spaces/{space.slug}/threads/{thread.pk}/").content.decode()
    assert "Achetez mes produits" not in page
    client.force_login(carol)
    page = client.get(f"/en/spaces/{space.slug}/threads/{thread.pk}/").content.decode()
    assert "Hidden from members" in page and "Achetez mes produits" in page
    client.post(f"/en/spaces/{space.slug}/reply/{reply.pk}/moderate/", {"action": "restore"})
    reply.refresh_from_db()
    assert not reply.is_hidden


def test_members_cannot_hide_posts(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    reply = make_reply(make_thread(space, alice), alice)
    client.force_login(bob)
    response = client.post(
        f"/en/spaces/{space.slug}/reply/{reply.pk}/moderate/", {"action": "hide"}
    )
    assert response.status_code == 403
    reply.refresh_from_db()
    assert not reply.is_hidden


def test_a_muted_member_cannot_post_until_the_mute_ends(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(carol)
    client.post(
        f"/en/spaces/{space.slug}/members/{bob.pk}/moderate/",
        {"action": "mute", "days": "3", "reason": "Calmez-vous"},
    )
    membership = Membership.objects.get(space=space, user=bob)
    assert membership.muted_until > timezone.now()
    assert Notification.objects.get(recipient=bob, verb="member.muted").detail == "Calmez-vous"
    client.force_login(bob)
    response = client.post(f"/en/spaces/{space.slug}/threads/{thread.pk}/", {"body": "Encore"})
    assert response.status_code == 403
    assert "A moderator muted you in this space until" in response.content.decode()
    Membership.objects.filter(pk=membership.pk).update(muted_until=timezone.now())
    assert (
        client.post(f"/en/spaces/{space.slug}/threads/{thread.pk}/", {"body": "Encore"}).status_code
        == 302
    )


def test_a_bad_mute_length_is_refused_with_a_message(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    client.force_login(carol)
    response = client.post(
        f"/en/spaces/{space.slug}/members/{bob.pk}/moderate/",
        {"action": "mute", "days": "9999"},
        follow=True,
    )
    assert "Choose a number of days between 1 and 365." in response.content.decode()
    assert Membership.objects.get(space=space, user=bob).muted_until is None


def test_a_removed_member_is_told_and_out_but_an_owner_stays(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    client.force_login(carol)
    client.post(
        f"/en/spaces/{space.slug}/members/{bob.pk}/moderate/",
        {"action": "remove", "reason": "Règles"},
    )
    assert not Membership.objects.filter(space=space, user=bob).exists()
    assert Notification.objects.filter(recipient=bob, verb="member.removed").exists()
    client.post(f"/en/spaces/{space.slug}/members/{alice.pk}/moderate/", {"action": "remove"})
    assert Membership.objects.filter(space=space, user=alice).exists()


def test_a_hidden_chat_message_leaves_the_history(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    message = ChatMessage.objects.create(space=space, author=bob, body="Insulte")
    client.force_login(alice)
    client.post(f"/en/spaces/{space.slug}/chat/{message.pk}/report/", {"reason": "harassment"})
    client.force_login(carol)
    client.post(f"/en/spaces/{space.slug}/chat/{message.pk}/moderate/", {"action": "hide"})
    history = client.get(f"/en/spaces/{space.slug}/chat/").context["history"]
    assert history == []


def test_staff_see_every_spaces_reports_and_moderators_only_theirs(
    client, alice, bob, carol, dan, staff_with_totp
):
    first = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    second = make_space("Théâtre", owner=alice, members=[bob, dan])
    client.force_login(bob)
    for space in (first, second):
        reply = make_reply(make_thread(space, alice), alice)
        client.post(f"/en/spaces/{space.slug}/reply/{reply.pk}/report/", {"reason": "other"})
    client.force_login(staff_with_totp)
    assert len(client.get("/en/spaces/moderation/").context["page"]) == 2
    client.force_login(carol)
    assert [r.space for r in client.get("/en/spaces/moderation/").context["page"]] == [first]
    client.force_login(dan)
    assert client.get("/en/spaces/moderation/").status_code == 403
