def test_visitor_sees_the_french_landing_page(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
    assert "Rejoindre la communauté" in response.content.decode()


def test_visitor_sees_the_english_landing_page_under_en(client, db):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Join the community" in response.content.decode()


def test_member_home_suggests_members_sharing_interests(alice_client, bob):
    response = alice_client.get("/en/")
    assert response.status_code == 200
    people = response.context["people_to_meet"]
    assert [(p.display_name, [t.name for t in shared]) for p, shared in people] == [
        ("Bob Gagnon", ["Jardins communautaires"])
    ]


def test_someone_who_hides_their_profile_leaves_my_suggestions_at_once(alice_client, bob):
    """The ranking is kept a few minutes; who may be shown is decided on every visit."""
    assert [p.display_name for p, _ in alice_client.get("/en/").context["people_to_meet"]] == [
        "Bob Gagnon"
    ]
    bob.profile.visibility = "hidden"
    bob.profile.save()
    assert alice_client.get("/en/").context["people_to_meet"] == []
