"""The demo community: what a visitor of `make run` finds, signed in as the demo member
(Julie Fortin) or as staff. The demo is seeded once for the module, inside a transaction
rolled back at the module's end; each test runs in a savepoint of it."""

import hashlib
import io
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from demo import members as demo
from demo.direct import seed_demo_direct
from demo.feedback import MEMBER_ATTENDED, seed_demo_feedback
from demo.live import seed_demo_live
from demo.meetings import seed_demo_meetings
from demo.moderation import seed_demo_moderation
from demo.workshops import seed_demo_workshops
from events.models import (
    Event,
    Feedback,
    LiveQuestion,
    Meeting,
    Poll,
    Registration,
    SentReminder,
    Series,
    TableNotesRevision,
    TableSeat,
    WorkshopTable,
)
from events.services.reminders import send_due_reminders
from members.models import Interest, Membership, MembershipTier, Profile, Skill, User
from spaces.models import Conversation, Report, Space, Thread

FORUM = "forum-ouvert-se-loger-dignement-a-montreal"
WAITLISTED = "visite-jardins-toit-palais-des-congres"
WEBINAR = "webinar-grant-writing-funders-remember"
ATELIER = "atelier-role-conseil-administration-obnl"
ASSEMBLY = "assemblee-regionale-securite-alimentaire-capitale-nationale"


def seed():
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def counts():
    """How many rows of every model, and how many files (the avatars) in the media folder."""
    rows = {model._meta.label: model.objects.count() for model in apps.get_models()}
    media = Path(settings.MEDIA_ROOT)
    rows["files"] = sum(1 for path in media.rglob("*") if path.is_file())
    return rows


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def output(django_db_setup, django_db_blocker, media):
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        # The notifications' on-commit work (unread counts, emails) runs as in `make run`.
        with TestCase.captureOnCommitCallbacks(execute=True):
            text = seed()
        yield text
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _demo_media(_isolated, settings, media, output, db):
    """The avatars live in the demo's media folder, not the test's own."""
    settings.MEDIA_ROOT = media


@pytest.fixture
def member():
    return User.objects.get(email=demo.MEMBER_EMAIL)


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def demo_staff_client():
    """Staff, signed in with two-factor authentication set up (staff pages ask for it)."""
    from allauth.mfa.models import Authenticator

    staff = User.objects.get(email=demo.STAFF_EMAIL)
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client = Client()
    client.force_login(staff)
    return client


def page(response):
    assert response.status_code == 200
    return response.content.decode()


# --- loading, twice ---


def test_seeding_says_what_it_added_and_how_to_sign_in(output):
    assert "Demo community: 207 accounts added, 0 already there" in output
    assert "Demo spaces: 6 added" in output
    assert "Demo events: 10 added" in output
    assert "Demo workshop tables: 3 events given tables" in output
    assert "Demo meetings: 6 added" in output
    assert "Demo live questions and polls: 4 events added" in output
    assert "Demo feedback: 25 added" in output
    assert "Demo direct messages: 2 conversations added" in output
    assert "Demo moderation report: 1 added" in output
    assert f"Sign in as a member: {demo.MEMBER_EMAIL} / {demo.DEMO_PASSWORD}" in output


def test_seeding_twice_adds_nothing_and_keeps_what_members_changed():
    profile = Profile.objects.get(user__email=demo.MEMBER_EMAIL)
    profile.bio = "Mon nouveau texte"
    profile.save()
    before = counts()
    assert before["files"] == 2 * Profile.objects.exclude(avatar="").count()  # and thumbnails

    output = seed()

    assert "0 accounts added, 207 already there" in output
    assert "Demo spaces: 0 added, 6 already there" in output
    assert "Demo events: 0 added, 10 already there" in output
    assert "Demo meetings: 0 added" in output
    assert "Demo feedback: 0 added" in output
    assert "Demo direct messages: 0 conversations added" in output
    assert "Demo moderation report: 0 added" in output
    assert counts() == before
    profile.refresh_from_db()
    assert profile.bio == "Mon nouveau texte"


def test_each_part_seeded_again_adds_nothing():
    quiet = lambda *args: None  # noqa: E731
    assert seed_demo_workshops(log=quiet) == 0
    assert seed_demo_meetings(log=quiet) == 0
    assert seed_demo_live(log=quiet) == 0
    assert seed_demo_feedback(log=quiet) == 0
    assert seed_demo_direct(log=quiet) == 0
    assert seed_demo_moderation(log=quiet) == 0


# --- the people ---


def test_the_demo_cast_keeps_its_emails_so_a_database_is_never_seeded_twice():
    # Accounts are known by their email. If this fails, a change shifted the random
    # draws (a list in demo/data/ changed its order or length): the next run on an
    # existing database would add a second community.
    emails = [person.email for person in demo.demo_people()]

    assert len(emails) == len(set(emails)) == 207
    assert emails[7:10] == [
        "patrick.nadeau88@exemple.org",
        "thomas.wilson77@exemple.org",
        "emilie.cote90@exemple.org",
    ]
    assert hashlib.sha256("\n".join(emails).encode()).hexdigest()[:16] == "689a262298e73418"


def test_bios_are_in_the_members_language_and_offer_french_only_to_french_speakers():
    people = demo.demo_people()[7:]
    openings = {language: demo.BIOS[language]["openings"] for language in ("fr", "en")}

    for person in people:
        starts = [opening.split("{")[0] for opening in openings[person.language]]
        assert any(person.bio.startswith(start) for start in starts)
        assert "{" not in person.bio
        if "fr" not in person.spoken:
            assert demo.FRENCH_TOO not in person.bio
    assert any(demo.FRENCH_TOO in person.bio for person in people)


def test_a_bilingual_community_of_members_with_interests_skills_and_regions():
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


def test_staff_the_demo_member_and_partner_contacts_sign_in_with_the_demo_password():
    staff = User.objects.get(email=demo.STAFF_EMAIL)
    assert staff.is_staff and staff.is_superuser
    assert staff.profile.display_name == "Équipe Maillage"
    assert User.objects.get(email=demo.SECOND_STAFF_EMAIL).is_staff
    member = User.objects.get(email=demo.MEMBER_EMAIL)
    assert not member.is_staff
    partners = Profile.objects.filter(user__email__in=demo.PARTNER_EMAILS)
    assert set(partners.values_list("organization", flat=True)) == {
        partner["organization"] for partner in demo.PEOPLE["partners"]
    }
    assert staff.check_password(demo.DEMO_PASSWORD)
    assert User.objects.values("password").distinct().count() == 1
    emails = [demo.STAFF_EMAIL, demo.SECOND_STAFF_EMAIL, demo.MEMBER_EMAIL, *demo.PARTNER_EMAILS]
    addresses = EmailAddress.objects.filter(email__in=emails, verified=True, primary=True)
    assert addresses.count() == len(emails)


def test_the_demo_member_shows_a_full_profile_with_her_interests(member, member_client):
    profile = page(member_client.get(reverse("members:profile", args=[member.profile.pk])))

    assert "Julie Fortin" in profile
    assert "Cuisines collectives du Plateau" in profile
    assert "Je coordonne les cuisines collectives du Plateau" in profile
    assert "Agriculture urbaine" in profile
    assert member.profile.avatar
    assert member.profile.skills_sought.count() == 2


def test_the_directory_finds_members_by_interest(member_client):
    response = member_client.get("/en/members/", {"interest": "securite-alimentaire"})

    assert response.status_code == 200
    assert response.context["page"].paginator.count >= 20


def test_the_demo_member_belongs_to_a_tier_and_some_members_let_theirs_lapse(member):
    assert Membership.objects.active().filter(user=member, tier__name="Organisme membre")
    assert MembershipTier.objects.count() == 3
    lapsed = Membership.objects.exclude(user__in=Membership.objects.active().values("user"))
    assert lapsed.exists()


# --- spaces ---


def test_spaces_in_both_languages_open_private_and_secret_with_discussions(member_client):
    assert set(Space.objects.values_list("language", flat=True)) == {"fr", "en"}
    assert set(Space.objects.values_list("visibility", flat=True)) == {"open", "private", "secret"}
    spaces = member_client.get("/en/spaces/")
    assert "securite-alimentaire" in [space.slug for space in spaces.context["my_spaces"]]
    space = page(member_client.get("/en/spaces/securite-alimentaire/"))
    assert "Bilan de la collecte des Fêtes" in space


def test_answered_questions_show_their_accepted_answer(member_client):
    assert Thread.objects.filter(kind="question", accepted_reply__isnull=False).count() >= 4
    knowledge = member_client.get("/en/spaces/securite-alimentaire/knowledge/")
    assert knowledge.context["page"].paginator.count == 2
    thread = Thread.objects.get(title__startswith="Comment conserver les dons")
    assert thread.accepted_reply.body.startswith("Les cuisines collectives du quartier")
    content = page(member_client.get(thread.get_absolute_url()))
    assert "Les cuisines collectives du quartier transforment nos surplus" in content


def test_the_space_chat_has_its_history(member_client):
    chat = member_client.get("/en/spaces/securite-alimentaire/chat/")

    assert [message.body for message in chat.context["history"]][:1] == ["Bonjour tout le monde !"]


def test_the_demo_member_has_conversations_in_both_languages_with_new_messages(member_client):
    inbox = page(member_client.get(reverse("direct:inbox")))

    assert "Équipe Maillage" in inbox
    assert inbox.count("Nouveau") >= 2
    english = Conversation.objects.filter(messages__body__startswith="Hi Julie!").get()
    conversation = page(member_client.get(reverse("direct:conversation", args=[english.pk])))
    assert "Could your collective kitchens use some?" in conversation
    assert "Bonjour ! Yes, gladly" in conversation


def test_a_reported_advertisement_waits_in_the_moderation_queue(demo_staff_client):
    report = Report.objects.get()
    assert report.reporter.email == demo.MEMBER_EMAIL
    assert report.resolved_at is None
    queue = page(demo_staff_client.get(reverse("spaces:moderation", args=[report.space.slug])))
    assert "Gagnez 500 $ par jour depuis la maison" in queue
    assert "signalé par Julie Fortin" in queue


# --- events ---


def test_events_past_and_upcoming_in_both_languages_with_registrations(member_client):
    past, upcoming = Event.objects.past(), Event.objects.upcoming()
    assert {"fr", "en"} <= set(past.values_list("language", flat=True))
    assert {"fr", "en"} <= set(upcoming.values_list("language", flat=True))
    assert Registration.objects.filter(status="confirmed").count() >= 200
    listing = page(member_client.get("/en/events/"))
    assert "Forum ouvert : se loger dignement à Montréal" in listing


def test_the_demo_member_is_registered_for_the_forum_and_waits_for_the_visit(member):
    assert Registration.objects.get(event__slug=FORUM, user=member).status == "confirmed"
    waiting = Registration.objects.get(event__slug=WAITLISTED, user=member)
    assert waiting.status == "waitlisted"
    event = waiting.event
    assert event.registrations.filter(status="confirmed").count() == event.capacity


def test_the_members_forum_is_for_a_tier_she_belongs_to(member, member_client):
    forum = Event.objects.get(audience=Event.Audience.TIERS)

    assert page(member_client.get(forum.get_absolute_url()))
    assert forum.registrations.confirmed().filter(user=member).exists()


def test_a_series_whose_dates_link_to_each_other(member_client):
    dates = list(Series.objects.get().events.order_by("starts_at"))

    assert len(dates) == 4
    first = page(member_client.get(dates[0].get_absolute_url()))
    assert reverse("events:detail", args=[dates[1].slug]) in first


def test_past_events_kept_their_check_ins_at_the_desk(demo_staff_client):
    checked_in = Registration.objects.filter(event__slug=ASSEMBLY, checked_in_at__isnull=False)

    assert checked_in.count() >= 10
    confirmed = Registration.objects.filter(event__slug=ASSEMBLY, status="confirmed")
    desk = page(demo_staff_client.get(reverse("events:check_in_desk", args=[ASSEMBLY])))
    assert f"{checked_in.count()} sur {confirmed.count()} accueilli·e·s" in desk


def test_the_demo_member_has_meetings_to_answer_and_people_she_met(member, member_client):
    statuses = set(Meeting.objects.filter(event__slug=FORUM).values_list("status", flat=True))
    assert statuses == {"accepted", "requested", "declined"}
    people = page(member_client.get(reverse("events:people", args=[FORUM])))
    assert "On pourrait parler de bénévolat avant les tables de discussion?" in people
    assert Meeting.objects.accepted().involving(member).filter(event__ends_at__lt=timezone.now())
    profile = page(member_client.get(reverse("members:profile", args=[member.profile.pk])))
    assert "Personnes rencontrées" in profile


def test_workshop_tables_keep_their_notes_and_the_forum_has_tables_ready(member_client):
    atelier = WorkshopTable.objects.filter(event__slug=ATELIER)
    assert atelier.count() == 3
    assert all(table.notes and table.facilitator for table in atelier)
    assert TableNotesRevision.objects.filter(table__in=atelier).count() == 6
    english = WorkshopTable.objects.filter(event__slug=WEBINAR)
    assert english.count() == 2
    assert all(table.theme.startswith("Breakout") and table.notes for table in english)
    forum = WorkshopTable.objects.filter(event__slug=FORUM)
    assert forum.count() == 4
    assert not any(table.notes for table in forum)
    assert TableSeat.objects.filter(table__in=forum).exists()
    tables = page(member_client.get(reverse("events:tables", args=[WEBINAR])))
    assert "Breakout: telling your impact story in one page" in tables
    assert "Lire les notes" in tables
    story = english.get(theme__contains="impact story")
    notes = page(member_client.get(reverse("events:table", args=[WEBINAR, story.pk])))
    assert "Start with <strong>one person" in notes
    assert page(member_client.get(reverse("events:tables", args=[FORUM])))


def test_past_events_show_their_live_questions_and_closed_poll(member_client):
    webinar = Event.objects.get(slug=WEBINAR)
    assert webinar.polls.get().status == Poll.Status.CLOSED
    assert webinar.polls.get().votes.exists()
    assert webinar.live_questions.filter(status="hidden").count() == 1
    assert webinar.live_questions.filter(status="answered").exists()
    assert webinar.live_questions.filter(votes__gt=0).exists()
    assembly = page(member_client.get(Event.objects.get(slug=ASSEMBLY).get_absolute_url()))
    assert "Ce qui s’est passé" in assembly  # the default language: French
    assert "3 questions ont obtenu une réponse en direct" in assembly
    live = page(member_client.get(reverse("events:live", args=[ASSEMBLY])))
    assert "Comment les petits comptoirs peuvent-ils recevoir les surplus" in live
    assert "Quelle priorité retenir pour l" in live
    assert "Qui veut acheter mon vélo" not in live  # hidden
    assert LiveQuestion.objects.count() == 11


def test_upcoming_events_have_a_poll_ready_to_open():
    forum = Event.objects.get(slug=FORUM)

    assert forum.polls.get().status == Poll.Status.DRAFT
    assert forum.polls.get().question.startswith("Quel sujet")


def test_feedback_in_both_languages_and_the_old_reminders_count_as_sent(member_client):
    languages = Feedback.objects.values_list("registration__event__language", flat=True)
    assert set(languages) == {"fr", "en"}
    assert SentReminder.objects.exists()
    # The old events' emails count as sent: the task finds nothing to send for them.
    assert send_due_reminders()["follow_up"] == 0
    form = page(member_client.get(reverse("events:feedback", args=[MEMBER_ATTENDED])))
    assert 'name="rating"' in form


# --- notifications ---


def test_the_demo_member_is_notified_of_her_meetings(member, member_client):
    notifications = page(member_client.get(reverse("notifications")))

    assert member.notifications.unread().count() == 5
    assert "demande à vous rencontrer à Forum ouvert : se loger dignement" in notifications
    assert "a refusé votre demande de rencontre à Forum ouvert" in notifications
