from analytics.models import Activity
from spaces.models import Membership, Space, SpacePolicy
from tests.factories import UserFactory, make_space, space_form_data


def test_staff_create_a_space_and_own_it(staff_client, staff_with_totp):
    response = staff_client.post("/en/spaces/new/", space_form_data())
    space = Space.objects.get(name="Cuisines collectives")
    assert response["Location"] == "/en/spaces/cuisines-collectives/"
    assert sorted(space.interests.names()) == ["Agriculture urbaine", "Sécurité alimentaire"]
    membership = Membership.objects.get(space=space)
    assert (membership.user, membership.role, membership.state) == (
        staff_with_totp,
        "owner",
        "active",
    )
    assert Activity.objects.filter(verb="space.created", actor=staff_with_totp).count() == 1


def test_members_create_spaces_only_when_the_site_allows_it(alice_client):
    assert alice_client.post("/en/spaces/new/", space_form_data()).status_code == 403
    SpacePolicy.objects.update_or_create(pk=1, defaults={"members_may_create_spaces": True})
    assert alice_client.post("/en/spaces/new/", space_form_data()).status_code == 302
    assert Space.objects.filter(name="Cuisines collectives").exists()


def test_a_space_with_the_same_name_gets_its_own_address(staff_client):
    staff_client.post("/en/spaces/new/", space_form_data())
    staff_client.post("/en/spaces/new/", space_form_data())
    assert sorted(Space.objects.values_list("slug", flat=True)) == [
        "cuisines-collectives",
        "cuisines-collectives-2",
    ]


def test_a_space_name_with_markup_is_refused(staff_client):
    response = staff_client.post("/en/spaces/new/", space_form_data(name="<b>Espace</b>"))
    assert response.status_code == 400
    assert not Space.objects.exists()


def test_a_member_joins_an_open_space_at_once(client, alice, dan):
    space = make_space("Jardins", owner=alice)
    client.force_login(dan)
    client.post(f"/en/spaces/{space.slug}/join/")
    client.post(f"/en/spaces/{space.slug}/join/")
    assert list(space.memberships.filter(user=dan).values_list("state", flat=True)) == ["active"]


def test_a_private_space_takes_requests_that_moderators_decide(client, alice, carol, dan):
    space = make_space("Comité", owner=alice, moderator=carol, visibility="private")
    client.force_login(dan)
    client.post(f"/en/spaces/{space.slug}/join/")
    request = space.memberships.get(user=dan)
    assert request.state == "requested"
    assert client.get(f"/en/spaces/{space.slug}/threads/new/").status_code == 403

    assert (
        client.post(
            f"/en/spaces/{space.slug}/requests/{request.pk}/", {"decision": "accept"}
        ).status_code
        == 403
    )
    client.force_login(carol)
    members_page = client.get(f"/en/spaces/{space.slug}/members/")
    assert [m.user for m in members_page.context["requests"]] == [dan]
    client.post(f"/en/spaces/{space.slug}/requests/{request.pk}/", {"decision": "accept"})
    request.refresh_from_db()
    assert request.state == "active"


def test_a_declined_request_can_be_made_again(client, alice, carol, dan):
    space = make_space("Comité", owner=alice, moderator=carol, visibility="private")
    client.force_login(dan)
    client.post(f"/en/spaces/{space.slug}/join/")
    request = space.memberships.get(user=dan)
    client.force_login(carol)
    client.post(f"/en/spaces/{space.slug}/requests/{request.pk}/", {"decision": "decline"})
    assert not space.memberships.filter(user=dan).exists()


def test_a_secret_space_is_joined_only_by_invitation(client, alice, carol, dan):
    space = make_space("Conseil", owner=alice, moderator=carol, visibility="secret")
    client.force_login(dan)
    assert client.post(f"/en/spaces/{space.slug}/join/").status_code == 404
    client.force_login(carol)
    client.post(f"/en/spaces/{space.slug}/invite/", {"email": "DAN@example.org"})
    client.force_login(dan)
    assert list(dan.notifications.values_list("verb", flat=True)) == ["space.invited"]
    listing = client.get("/en/spaces/")
    assert [invitation.space for invitation in listing.context["invitations"]] == [space]
    assert client.get(f"/en/spaces/{space.slug}/").status_code == 200
    assert client.get(f"/en/spaces/{space.slug}/threads/new/").status_code == 403
    client.post(f"/en/spaces/{space.slug}/join/")
    assert space.memberships.get(user=dan).state == "active"


def test_inviting_an_unknown_address_says_so(client, alice, carol):
    space = make_space("Conseil", owner=alice, moderator=carol, visibility="secret")
    client.force_login(carol)
    response = client.post(
        f"/en/spaces/{space.slug}/invite/", {"email": "nobody@example.org"}, follow=True
    )
    assert "No member has this email address." in response.content.decode()
    assert space.memberships.count() == 2


def test_the_last_owner_cannot_leave(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    client.force_login(alice)
    response = client.post(f"/en/spaces/{space.slug}/leave/", follow=True)
    assert "Name another owner before you leave this space." in response.content.decode()
    assert space.memberships.filter(user=alice).exists()
    client.force_login(bob)
    client.post(f"/en/spaces/{space.slug}/leave/")
    assert not space.memberships.filter(user=bob).exists()


def test_my_spaces_count_all_their_members(client, alice, bob, carol):
    make_space("Jardins", owner=alice, moderator=carol, members=[bob])
    client.force_login(bob)
    [space] = client.get("/en/spaces/").context["my_spaces"]
    assert space.member_count == 3


def test_members_see_spaces_suggested_by_their_interests(client, alice, dan):
    make_space("Jardins", owner=alice, interests=["Sécurité alimentaire"])
    make_space("Théâtre", owner=alice, interests=["Arts et culture"])
    make_space("Conseil", owner=alice, interests=["Sécurité alimentaire"], visibility="secret")
    client.force_login(dan)
    suggestions = client.get("/en/spaces/").context["suggestions"]
    assert [space.name for space in suggestions] == ["Jardins"]


def test_suggestions_show_as_cards_on_the_spaces_page_and_as_links_at_home(client, alice, dan):
    space = make_space("Jardins", owner=alice, members=[dan], interests=["Sécurité alimentaire"])
    space.description = "Des potagers partagés dans Limoilou."
    space.save()
    carol = UserFactory(profile__interests=["Sécurité alimentaire"])
    client.force_login(carol)
    [card] = client.get("/en/spaces/").context["suggestions"]
    assert card.description == "Des potagers partagés dans Limoilou." and card.member_count == 2
    assert [tag.name for tag in card.interests.all()] == ["Sécurité alimentaire"]
    home = client.get("/en/").content.decode()
    assert f'<a href="/en/spaces/{space.slug}/">Jardins</a> <span class="muted">2 members' in home


def test_a_suggested_space_leaves_the_suggestions_once_joined_or_made_secret(client, alice, dan):
    """The ranking is kept a few minutes; which spaces may be suggested is decided on every
    visit."""
    jardins = make_space("Jardins", owner=alice, interests=["Sécurité alimentaire"])
    cuisine = make_space("Cuisine", owner=alice, interests=["Sécurité alimentaire"])
    client.force_login(dan)

    def suggested():
        return sorted(space.name for space in client.get("/en/").context["suggested_spaces"])

    assert suggested() == ["Cuisine", "Jardins"]
    assert client.post(f"/en/spaces/{jardins.slug}/join/").status_code == 302
    assert suggested() == ["Cuisine"]
    Space.objects.filter(pk=cuisine.pk).update(visibility="secret")
    assert suggested() == []


def test_only_the_owner_edits_the_space(client, alice, carol):
    space = make_space("Jardins", owner=alice, moderator=carol)
    client.force_login(carol)
    assert (
        client.post(f"/en/spaces/{space.slug}/edit/", space_form_data(name="Autre")).status_code
        == 403
    )
    client.force_login(alice)
    response = client.post(
        f"/en/spaces/{space.slug}/edit/", space_form_data(name="Jardins partagés")
    )
    assert response.status_code == 302
    space.refresh_from_db()
    assert space.name == "Jardins partagés"
