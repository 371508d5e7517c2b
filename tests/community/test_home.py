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


def test_popular_interests_follow_a_change_made_after_they_were_shown(alice_client, bob):
    first = alice_client.get("/en/").context["popular_interests"]
    assert "Vélo" not in [interest.name for interest in first]
    bob.profile.interests.add("Vélo")
    again = alice_client.get("/en/").context["popular_interests"]
    assert ("Vélo", 1) in [(interest.name, interest.members) for interest in again]


def test_my_name_and_interests_follow_my_changes_at_once(alice_client, alice, bob):
    """The greeting and what I share with others are kept between visits, and follow every
    way my profile and interests change: the profile saved, tags added or removed, an
    interest deleted by staff."""
    from members.models import Interest

    def shared_with_bob():
        people = alice_client.get("/en/").context["people_to_meet"]
        return sorted(tag.name for profile, shared in people for tag in shared)

    assert "Welcome, Alice Tremblay" in alice_client.get("/en/").content.decode()
    assert shared_with_bob() == ["Jardins communautaires"]
    alice.profile.display_name = "Alice T."
    alice.profile.save()
    assert "Welcome, Alice T." in alice_client.get("/en/").content.decode()
    alice.profile.interests.add("Logement")
    assert shared_with_bob() == ["Jardins communautaires", "Logement"]
    Interest.objects.get(name="Logement").delete()
    assert shared_with_bob() == ["Jardins communautaires"]
    alice.profile.interests.remove("Jardins communautaires")
    assert shared_with_bob() == []
