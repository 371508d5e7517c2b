import hashlib
import io
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command

from members import demo
from members.demo.bios import FRENCH_TOO, OPENINGS_EN, OPENINGS_FR
from members.demo.people import demo_people
from members.models import (
    Interest,
    Profile,
    Skill,
    TaggedInterest,
    TaggedSkillOffered,
    TaggedSkillSought,
    User,
)
from spaces.models import Membership, Reply, Space, Thread


def seed():
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def counts():
    return {
        "users": User.objects.count(),
        "profiles": Profile.objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "interests": Interest.objects.count(),
        "skills": Skill.objects.count(),
        "tagged interests": TaggedInterest.objects.count(),
        "skills offered": TaggedSkillOffered.objects.count(),
        "skills sought": TaggedSkillSought.objects.count(),
        "avatars": Profile.objects.exclude(avatar="").count(),
        "files": sum(1 for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()),
        "spaces": Space.objects.count(),
        "memberships": Membership.objects.count(),
        "threads": Thread.objects.count(),
        "replies": Reply.objects.count(),
    }


def test_seeding_builds_a_bilingual_community_members_can_explore(db, client):
    output = seed()

    assert "207 accounts added" in output
    members = Profile.objects.filter(user__is_staff=False)
    assert 200 <= members.count() <= 210
    assert members.filter(interests__isnull=False).distinct().count() == members.count()
    assert members.filter(skills_offered__isnull=False).distinct().count() == members.count()
    assert members.exclude(region="").exclude(organization="").count() == members.count()
    assert members.values("region").distinct().count() >= 12
    assert members.filter(region="06").count() > members.filter(region="01").count()
    assert members.filter(language="en").count() >= 30
    assert members.filter(language="fr").count() >= 120
    assert Interest.objects.count() == 30
    assert Skill.objects.count() == 25
    assert 60 <= Profile.objects.exclude(avatar="").count() <= 100
    assert Profile.objects.exclude(avatar_thumbnail="").count() == (
        Profile.objects.exclude(avatar="").count()
    )
    client.force_login(User.objects.get(email=demo.MEMBER_EMAIL))
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
    chat = client.get("/en/spaces/securite-alimentaire/chat/")
    assert [message.body for message in chat.context["history"]][:1] == ["Bonjour tout le monde !"]


def test_staff_the_demo_member_and_partner_contacts_sign_in_with_the_demo_password(db):
    seed()

    staff = User.objects.get(email=demo.STAFF_EMAIL)
    assert staff.is_staff and staff.is_superuser
    assert staff.profile.display_name == "Équipe Maillage"
    assert User.objects.get(email=demo.SECOND_STAFF_EMAIL).is_staff
    member = User.objects.get(email=demo.MEMBER_EMAIL)
    assert not member.is_staff
    assert member.profile.bio and member.profile.avatar
    assert member.profile.skills_sought.count() == 2
    partner_emails = [partner["email"] for partner in demo.PARTNER_ORGANIZATIONS]
    partners = Profile.objects.filter(user__email__in=partner_emails)
    assert set(partners.values_list("organization", flat=True)) == {
        partner["organization"] for partner in demo.PARTNER_ORGANIZATIONS
    }
    assert staff.check_password(demo.DEMO_PASSWORD)
    assert User.objects.values("password").distinct().count() == 1
    demo_emails = [demo.STAFF_EMAIL, demo.SECOND_STAFF_EMAIL, demo.MEMBER_EMAIL, *partner_emails]
    addresses = EmailAddress.objects.filter(email__in=demo_emails, verified=True, primary=True)
    assert addresses.count() == len(demo_emails)


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


def test_the_demo_cast_keeps_its_emails_so_a_database_is_never_seeded_twice():
    # Accounts are known by their email. If this fails, a change shifted the
    # random draws: the next run on an existing database would add a second
    # community. Keep the draws as they were (see members/demo/people.py).
    emails = [person.email for person in demo_people()]

    assert len(emails) == len(set(emails)) == 207
    assert emails[7:10] == [
        "patrick.nadeau88@exemple.org",
        "thomas.wilson77@exemple.org",
        "emilie.cote90@exemple.org",
    ]
    assert hashlib.sha256("\n".join(emails).encode()).hexdigest()[:16] == "689a262298e73418"


def test_bios_are_in_the_members_language_and_offer_french_only_to_french_speakers():
    people = demo_people()[7:]

    for person in people:
        openings = OPENINGS_EN if person.language == "en" else OPENINGS_FR
        assert any(person.bio.startswith(opening.split("{")[0]) for opening in openings)
        assert "{" not in person.bio
        if "fr" not in person.spoken:
            assert FRENCH_TOO not in person.bio
    assert any(FRENCH_TOO in person.bio for person in people)
