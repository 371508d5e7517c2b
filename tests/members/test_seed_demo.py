import io

from allauth.account.models import EmailAddress
from django.core.management import call_command

from members import demo
from members.models import Profile, TaggedInterest, TaggedSkillOffered, User
from spaces.models import Membership, Reply, Space, Thread


def seed():
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def counts():
    return (
        User.objects.count(),
        Profile.objects.count(),
        TaggedInterest.objects.count(),
        TaggedSkillOffered.objects.count(),
        EmailAddress.objects.count(),
        Profile.objects.exclude(avatar="").count(),
        Space.objects.count(),
        Membership.objects.count(),
        Thread.objects.count(),
        Reply.objects.count(),
    )


def test_seeding_builds_a_bilingual_community_members_can_explore(db, client):
    output = seed()
    assert "accounts added" in output
    members = Profile.objects.filter(user__is_staff=False)
    assert 200 <= members.count() <= 210
    assert members.filter(interests__isnull=False).distinct().count() == members.count()
    assert members.filter(skills_offered__isnull=False).distinct().count() == members.count()
    assert members.exclude(region="").count() == members.count()
    assert members.values("region").distinct().count() >= 12
    assert members.filter(language="en").count() >= 30
    assert members.filter(language="fr").count() >= 120
    assert Profile.objects.exclude(avatar="").count() >= 60

    staff = User.objects.get(email=demo.STAFF_EMAIL)
    assert staff.is_staff and staff.is_superuser
    assert staff.check_password(demo.DEMO_PASSWORD)
    member = User.objects.get(email=demo.MEMBER_EMAIL)
    assert not member.is_staff
    assert member.check_password(demo.DEMO_PASSWORD)
    assert EmailAddress.objects.get(email=demo.MEMBER_EMAIL).verified

    partner_emails = [partner["email"] for partner in demo.PARTNER_ORGANIZATIONS]
    organizations = set(
        Profile.objects.filter(user__email__in=partner_emails).values_list(
            "organization", flat=True
        )
    )
    assert organizations == {partner["organization"] for partner in demo.PARTNER_ORGANIZATIONS}

    client.force_login(member)
    response = client.get("/en/members/", {"interest": "securite-alimentaire"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count >= 20

    assert set(Space.objects.values_list("language", flat=True)) == {"fr", "en"}
    assert set(Space.objects.values_list("visibility", flat=True)) == {"open", "private", "secret"}
    answered = Thread.objects.filter(kind="question", accepted_reply__isnull=False)
    assert answered.count() >= 4
    spaces_page = client.get("/en/spaces/")
    assert "securite-alimentaire" in [space.slug for space in spaces_page.context["my_spaces"]]
    knowledge = client.get("/en/spaces/securite-alimentaire/knowledge/")
    assert knowledge.context["page"].paginator.count == 2


def test_seeding_twice_adds_nothing_and_keeps_what_members_changed(db):
    seed()
    member = Profile.objects.get(user__email=demo.MEMBER_EMAIL)
    member.bio = "Mon nouveau texte"
    member.save()
    before = counts()
    output = seed()
    assert "0 accounts added" in output
    assert counts() == before
    member.refresh_from_db()
    assert member.bio == "Mon nouveau texte"
