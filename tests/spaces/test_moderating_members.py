from spaces.models import Membership, Thread
from tests.factories import make_space, make_thread


def moderate(client, space, user, action, **data):
    return client.post(
        f"/en/spaces/{space.slug}/members/{user.pk}/moderate/", {"action": action, **data}
    )


def test_a_moderator_cannot_mute_or_remove_the_spaces_owner(client, alice, carol):
    space = make_space("Jardins", owner=alice, moderator=carol)
    client.force_login(carol)
    assert moderate(client, space, alice, "mute", days=7).status_code == 403
    assert moderate(client, space, alice, "remove").status_code == 403
    owner = Membership.objects.get(space=space, user=alice)
    assert (owner.muted_until, owner.role) == (None, "owner")


def test_a_moderator_mutes_a_member(client, alice, bob, carol):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    client.force_login(carol)
    assert moderate(client, space, bob, "mute", days=7).status_code == 302
    assert Membership.objects.get(space=space, user=bob).is_muted


def test_a_moderator_does_not_moderate_themself(client, alice, carol):
    space = make_space("Jardins", owner=alice, moderator=carol)
    client.force_login(carol)
    assert moderate(client, space, carol, "remove").status_code == 403
    assert Membership.objects.filter(space=space, user=carol).exists()


def test_staff_may_mute_an_owner_but_nobody_removes_one(client, alice, staff_with_totp):
    space = make_space("Jardins", owner=alice)
    client.force_login(staff_with_totp)
    assert moderate(client, space, alice, "mute", days=1).status_code == 302
    moderate(client, space, alice, "remove")
    assert Membership.objects.get(space=space, user=alice).is_muted


def test_staff_editing_a_post_in_the_admin_changes_what_readers_see(
    client, alice, bob, staff_with_totp
):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, bob, title="Semences", body="Un lien douteux")
    client.force_login(staff_with_totp)
    response = client.post(
        f"/en/admin/spaces/thread/{thread.pk}/change/",
        {
            "space": space.pk,
            "author": bob.pk,
            "title": "Semences",
            "kind": "discussion",
            "body": "Texte **corrigé** par l'équipe",
            "last_activity_at_0": "2026-11-30",
            "last_activity_at_1": "10:00:00",
            "interests": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    thread = Thread.objects.get()
    assert thread.body_html == "<p>Texte <strong>corrigé</strong> par l'équipe</p>\n"
    assert thread.edited_at is not None
    client.force_login(alice)
    shown = client.get(f"/en/spaces/{space.slug}/threads/{thread.pk}/").content.decode()
    assert "<strong>corrigé</strong>" in shown
    assert "douteux" not in shown
