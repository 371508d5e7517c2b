import pytest

from members.models import Profile
from tests.factories import UserFactory, profile_form_data


def test_member_edits_their_own_profile(alice_client, alice):
    response = alice_client.post(f"/en/members/{alice.profile.pk}/edit/", profile_form_data())
    assert response.status_code == 302
    assert response["Location"] == f"/en/members/{alice.profile.pk}/"
    profile = Profile.objects.get(user=alice)
    assert profile.pronouns == "elle"
    assert profile.languages == ["fr", "en"]
    assert sorted(profile.interests.names()) == ["Agriculture urbaine", "Sécurité alimentaire"]
    assert list(profile.skills_offered.names()) == ["Gestion de bénévoles"]
    assert sorted(profile.skills_sought.names()) == ["Comptabilité", "Demandes de subvention"]


def test_profile_page_shows_what_the_member_wrote(alice_client, alice):
    alice_client.post(f"/en/members/{alice.profile.pk}/edit/", profile_form_data())
    page = alice_client.get(f"/en/members/{alice.profile.pk}/").content.decode()
    assert "Coordonnatrice · Banque alimentaire de Québec" in page
    assert "Je coordonne les bénévoles.<br>J&#x27;aime les jardins." in page
    assert "Gestion de bénévoles" in page
    assert 'rel="nofollow ugc noopener"' in page


def test_member_cannot_edit_another_members_profile(alice_client, bob):
    response = alice_client.post(
        f"/en/members/{bob.profile.pk}/edit/", profile_form_data(display_name="Hacked")
    )
    assert response.status_code == 403
    bob.profile.refresh_from_db()
    assert bob.profile.display_name == "Bob Gagnon"


def test_visitor_cannot_edit_a_profile(client, bob):
    response = client.post(f"/en/members/{bob.profile.pk}/edit/", profile_form_data())
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    bob.profile.refresh_from_db()
    assert bob.profile.display_name == "Bob Gagnon"


def test_my_profile_edit_leads_to_my_own_form(alice_client, alice):
    response = alice_client.get("/en/members/me/edit/")
    assert response["Location"] == f"/en/members/{alice.profile.pk}/edit/"


def test_bio_with_a_script_is_refused_and_nothing_is_saved(alice_client, alice):
    response = alice_client.post(
        f"/en/members/{alice.profile.pk}/edit/",
        profile_form_data(bio="Hello <script>alert('x')</script>", pronouns="iel"),
    )
    assert response.status_code == 400
    assert "HTML tags such as &lt;script&gt; are not allowed" in response.content.decode()
    alice.profile.refresh_from_db()
    assert alice.profile.bio == ""
    assert alice.profile.pronouns == ""


def test_bio_may_mention_comparisons_in_plain_text(alice_client, alice):
    response = alice_client.post(
        f"/en/members/{alice.profile.pk}/edit/", profile_form_data(bio="5 < 7 and 8 > 3")
    )
    assert response.status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.bio == "5 < 7 and 8 > 3"


def test_javascript_links_are_refused(alice_client, alice):
    response = alice_client.post(
        f"/en/members/{alice.profile.pk}/edit/", profile_form_data(website="javascript:alert(1)")
    )
    assert response.status_code == 400
    alice.profile.refresh_from_db()
    assert alice.profile.website == ""


def test_too_many_interests_are_refused(alice_client, alice):
    interests = ", ".join(f"Sujet {n}" for n in range(25))
    response = alice_client.post(
        f"/en/members/{alice.profile.pk}/edit/", profile_form_data(interests=interests)
    )
    assert response.status_code == 400
    assert "Choose at most 20 entries." in response.content.decode()
    assert sorted(alice.profile.interests.names()) == [
        "Jardins communautaires",
        "Sécurité alimentaire",
    ]


def test_profile_shows_the_interests_shared_with_the_viewer(alice_client, bob):
    page = alice_client.get(f"/en/members/{bob.profile.pk}/")
    assert [tag.name for tag in page.context["shared_interests"]] == ["Jardins communautaires"]
    assert 'id="shared-heading"' in page.content.decode()


@pytest.mark.parametrize(
    ("visibility", "visitor", "member", "owner", "staff_member"),
    [
        ("public", 200, 200, 200, 200),
        ("members", 302, 200, 200, 200),
        ("hidden", 404, 404, 200, 200),
    ],
)
def test_who_sees_a_profile(
    client, alice, staff_with_totp, visibility, visitor, member, owner, staff_member
):
    bob = UserFactory(email="bob@example.org", profile__visibility=visibility)
    url = f"/en/members/{bob.profile.pk}/"
    assert client.get(url).status_code == visitor
    client.force_login(alice)
    assert client.get(url).status_code == member
    client.force_login(bob)
    assert client.get(url).status_code == owner
    client.force_login(staff_with_totp)
    assert client.get(url).status_code == staff_member


def test_a_deactivated_members_profile_is_not_shown(alice_client, bob):
    bob.is_active = False
    bob.save()
    assert alice_client.get(f"/en/members/{bob.profile.pk}/").status_code == 404


def test_changing_language_on_the_profile_is_kept(alice_client, alice):
    alice_client.post(f"/en/members/{alice.profile.pk}/edit/", profile_form_data(language="en"))
    alice.profile.refresh_from_db()
    assert alice.profile.language == "en"
