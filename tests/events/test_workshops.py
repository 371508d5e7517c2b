"""Workshop tables: choosing a seat, moving, leaving, full tables; the shared notes, their
versions and the record they become after the event; who sees what; the admin; the demo.

The cast: alice sits at the "Gouvernance" table, carol facilitates it, bob is registered
but sits elsewhere (or nowhere), dan is in the event's space but not registered, erin is
outside the event's audience, and staff manage everything.
"""

import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from analytics.models import Activity
from events import services
from events.models import Event, Registration, TableNotesRevision, TableSeat, WorkshopTable
from events.services import workshops
from spaces.models import Membership, Space
from tests.factories import UserFactory, verified
from tests.helpers import url


def page(response):
    return response.content.decode()


def move_to_past(event, *, ended_days_ago):
    ends = timezone.now() - timedelta(days=ended_days_ago)
    Event.objects.filter(pk=event.pk).update(starts_at=ends - timedelta(hours=2), ends_at=ends)
    event.refresh_from_db()


@pytest.fixture
def erin(db):
    return verified(UserFactory(email="erin@example.org", profile__display_name="Erin Outsider"))


@pytest.fixture
def atelier(make_event, alice, bob, carol, dan):
    """A space's workshop: alice, bob and carol registered, dan a member of the space."""
    space = Space.objects.create(name="Gouvernance des OBNL", slug="gouvernance")
    for member in (alice, bob, carol, dan):
        Membership.objects.create(space=space, user=member, state=Membership.State.ACTIVE)
    event = make_event(slug="atelier", audience=Event.Audience.SPACE, space=space)
    for member in (alice, bob, carol):
        services.register(event=event, user=member)
    return event


@pytest.fixture
def gouvernance(atelier, alice, carol, staff):
    table = workshops.add_table(
        event=atelier, theme="Gouvernance", capacity=2, facilitator=carol, by=staff
    )
    workshops.choose_table(table=table, user=alice)
    return table


@pytest.fixture
def financement(atelier, staff):
    return workshops.add_table(event=atelier, theme="Financement", capacity=3, by=staff)


def login(client, user):
    client.force_login(user)
    return client


# --- choosing, moving, leaving ---


def test_attendee_chooses_a_table_and_sees_their_seat(
    client, atelier, gouvernance, financement, bob
):
    login(client, bob)
    response = client.post(url("table_choose", "atelier", financement.pk), follow=True)
    assert "You sit at the table “Financement”." in page(response)
    assert TableSeat.objects.get(event=atelier, user=bob).table == financement
    assert "Your table" in page(response)
    assert Activity.objects.filter(verb="event.table_joined", actor=bob).count() == 1


def test_choosing_another_table_moves_the_attendee(
    client, atelier, gouvernance, financement, alice
):
    login(client, alice)
    client.post(url("table_choose", "atelier", financement.pk))
    seats = TableSeat.objects.filter(event=atelier, user=alice)
    assert [seat.table for seat in seats] == [financement]
    moved = Activity.objects.filter(verb="event.table_joined", actor=alice).order_by("pk").last()
    assert moved.data == {"moved_from": gouvernance.pk}


def test_choosing_ones_own_table_again_changes_nothing(client, gouvernance, alice):
    login(client, alice)
    response = client.post(url("table_choose", "atelier", gouvernance.pk), follow=True)
    assert "You already sit at the table “Gouvernance”." in page(response)
    assert TableSeat.objects.filter(user=alice).count() == 1


def test_attendee_leaves_their_table(client, atelier, gouvernance, alice):
    login(client, alice)
    response = client.post(url("table_leave", "atelier"), follow=True)
    assert "You left the table “Gouvernance”." in page(response)
    assert not TableSeat.objects.filter(user=alice).exists()
    assert Activity.objects.filter(verb="event.table_left", actor=alice).exists()


def test_full_table_is_refused_with_a_message(client, atelier, gouvernance, bob, dan):
    services.register(event=atelier, user=dan)
    login(client, bob)
    client.post(url("table_choose", "atelier", gouvernance.pk))  # the second and last seat
    login(client, dan)
    response = client.post(url("table_choose", "atelier", gouvernance.pk), follow=True)
    assert "The table “Gouvernance” is full. Choose another one." in page(response)
    assert not TableSeat.objects.filter(user=dan).exists()
    assert workshops.occupied(gouvernance.seats.all()).count() == 2


def test_a_cancelled_registration_frees_its_seat(client, atelier, gouvernance, bob, alice, dan):
    services.register(event=atelier, user=dan)
    workshops.choose_table(table=gouvernance, user=bob)  # full
    services.cancel(registration=Registration.objects.get(event=atelier, user=alice))
    login(client, dan)
    client.post(url("table_choose", "atelier", gouvernance.pk))
    assert TableSeat.objects.get(user=dan).table == gouvernance


def test_member_not_registered_cannot_choose(client, gouvernance, dan):
    login(client, dan)
    response = client.post(url("table_choose", "atelier", gouvernance.pk), follow=True)
    assert "Only registered attendees choose a table." in page(response)
    assert not TableSeat.objects.filter(user=dan).exists()


def test_facilitator_does_not_take_a_seat(client, gouvernance, financement, carol):
    login(client, carol)
    response = client.post(url("table_choose", "atelier", financement.pk), follow=True)
    assert "You facilitate the table “Gouvernance”: you do not take a seat." in page(response)
    assert not TableSeat.objects.filter(user=carol).exists()


def test_tables_stay_as_they_were_after_the_event(client, atelier, gouvernance, financement, alice):
    move_to_past(atelier, ended_days_ago=1)
    login(client, alice)
    response = client.post(url("table_choose", "atelier", financement.pk), follow=True)
    assert "This event is over: the tables stay as they were." in page(response)
    response = client.post(url("table_leave", "atelier"), follow=True)
    assert "This event is over: the tables stay as they were." in page(response)
    assert TableSeat.objects.get(user=alice).table == gouvernance


def test_a_table_of_another_event_is_404(client, make_event, gouvernance, alice):
    other = make_event(slug="autre")
    login(client, alice)
    assert client.post(url("table_choose", other.slug, gouvernance.pk)).status_code == 404
    assert client.get(url("table", other.slug, gouvernance.pk)).status_code == 404


def test_choosing_is_post_only_and_needs_sign_in(client, gouvernance):
    response = client.post(url("table_choose", "atelier", gouvernance.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    login(client, gouvernance.facilitator)
    assert client.get(url("table_choose", "atelier", gouvernance.pk)).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_racing_attendees_never_overfill_the_last_seat(make_event):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs real concurrent transactions: PostgreSQL")
    event = make_event()
    staff = UserFactory(email="racestaff@example.org", is_staff=True)
    table = workshops.add_table(event=event, theme="Dernière place", capacity=3, by=staff)
    members = [UserFactory(email=f"racer{n}@example.org") for n in range(12)]
    for member in members:
        services.register(event=event, user=member)
    workshops.choose_table(table=table, user=members[0])
    workshops.choose_table(table=table, user=members[1])  # one seat left
    start = threading.Barrier(10)
    refused, errors = [], []

    def race(user):
        try:
            start.wait()
            workshops.choose_table(table=table, user=user)
        except workshops.WorkshopRefused as refusal:
            refused.append(refusal)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=race, args=(user,)) for user in members[2:]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(refused) == 9
    assert TableSeat.objects.filter(table=table).count() == 3


# --- the tables page ---


def test_tables_page_shows_theme_facilitator_seats_left_and_who_sits(
    client, gouvernance, financement, bob
):
    login(client, bob)
    response = client.get(url("tables", "atelier"))
    content = page(response)
    assert response.status_code == 200
    assert "Gouvernance" in content and "Financement" in content
    assert "Carol Roy" in content  # the facilitator
    assert "Alice Tremblay" in content  # seated, listed
    assert "1 seat left" in content and "3 seats left" in content
    assert "Choose this table" in content


def test_unlisted_attendees_are_counted_but_not_named_except_for_staff(
    staff_with_totp, client, atelier, gouvernance, dan, staff
):
    services.register(event=atelier, user=dan, is_listed=False)
    workshops.choose_table(table=gouvernance, user=dan)
    content = page(login(client, dan).get(url("tables", "atelier")))
    assert "Dan Côté" not in content
    assert "and 1 attendee who does not show their name" in content
    assert "Dan Côté" in page(login(client, staff).get(url("tables", "atelier")))


def test_event_without_tables_has_no_tables_page_but_staff_get_the_form(
    staff_with_totp, client, atelier, alice, staff
):
    assert login(client, alice).get(url("tables", "atelier")).status_code == 404
    response = login(client, staff).get(url("tables", "atelier"))
    assert response.status_code == 200
    assert "Add a table" in page(response)


def test_staff_add_a_table_with_a_facilitator(
    staff_with_totp, client, atelier, gouvernance, bob, staff
):
    login(client, staff)
    response = client.post(
        url("table_add", "atelier"),
        {"theme": "Bénévolat", "capacity": "6", "facilitator_email": "BOB@example.org"},
        follow=True,
    )
    assert "The table “Bénévolat” is added." in page(response)
    table = WorkshopTable.objects.get(theme="Bénévolat")
    assert (table.facilitator, table.capacity, table.position) == (bob, 6, 1)


def test_staff_form_refuses_a_facilitator_who_is_not_an_attendee(
    staff_with_totp, client, gouvernance, dan, staff
):
    login(client, staff)
    response = client.post(
        url("table_add", "atelier"),
        {"theme": "Bénévolat", "capacity": "6", "facilitator_email": dan.email},
    )
    assert response.status_code == 400
    assert "The facilitator must be a registered attendee of this event, or staff." in page(
        response
    )
    assert not WorkshopTable.objects.filter(theme="Bénévolat").exists()


def test_members_cannot_add_tables(client, gouvernance, alice):
    login(client, alice)
    response = client.post(url("table_add", "atelier"), {"theme": "X", "capacity": "4"})
    assert response.status_code == 403
    assert WorkshopTable.objects.count() == 1


# --- notes ---


def notes_of(table):
    table.refresh_from_db()
    return table.notes


def test_participant_saves_notes_with_a_revision(client, gouvernance, alice):
    login(client, alice)
    response = client.post(
        url("table", "atelier", gouvernance.pk),
        {"notes": "## Décisions\n\n- **Adopter** le budget", "base_version": "0"},
        follow=True,
    )
    content = page(response)
    assert "The notes are saved." in content
    assert "<strong>Adopter</strong>" in content
    assert "Version 1 by Alice Tremblay" in content
    gouvernance.refresh_from_db()
    assert (gouvernance.notes_version, gouvernance.notes_updated_by) == (1, alice)
    revision = TableNotesRevision.objects.get(table=gouvernance)
    assert (revision.version, revision.author, revision.notes) == (
        1,
        alice,
        "## Décisions\n\n- **Adopter** le budget",
    )
    assert Activity.objects.filter(verb="event.table_notes_saved", actor=alice).exists()


def test_saving_the_same_text_again_adds_no_revision(client, gouvernance, alice):
    login(client, alice)
    client.post(url("table", "atelier", gouvernance.pk), {"notes": "Idée", "base_version": "0"})
    client.post(url("table", "atelier", gouvernance.pk), {"notes": "Idée", "base_version": "1"})
    assert TableNotesRevision.objects.filter(table=gouvernance).count() == 1


def test_a_stale_save_is_refused_with_both_texts_and_nothing_lost(
    client, gouvernance, alice, carol
):
    workshops.save_notes(table=gouvernance, user=carol, notes="Texte de Carol", base_version=0)
    login(client, alice)
    response = client.post(
        url("table", "atelier", gouvernance.pk),
        {"notes": "Texte d'Alice", "base_version": "0"},
    )
    content = page(response)
    assert response.status_code == 409
    assert "Someone saved these notes while you were writing." in content
    assert "Texte d&#x27;Alice</textarea>" in content  # what alice wrote, in her form
    assert "Texte de Carol</textarea>" in content  # the saved text, beside it
    assert 'name="base_version" value="1"' in content
    assert notes_of(gouvernance) == "Texte de Carol"
    assert TableNotesRevision.objects.filter(table=gouvernance).count() == 1
    # Alice merges and saves on the version she has now seen.
    client.post(
        url("table", "atelier", gouvernance.pk),
        {"notes": "Texte de Carol\nTexte d'Alice", "base_version": "1"},
    )
    assert notes_of(gouvernance) == "Texte de Carol\nTexte d'Alice"
    assert gouvernance.notes_version == 2


def test_html_in_notes_is_sanitized(client, gouvernance, alice):
    login(client, alice)
    client.post(
        url("table", "atelier", gouvernance.pk),
        {
            "notes": '<script>alert("x")</script> <img src=x onerror=alert(1)> '
            "[lien](javascript:alert(1)) **gras**",
            "base_version": "0",
        },
    )
    content = page(client.get(url("table", "atelier", gouvernance.pk)))
    rendered = content.split('class="post-body"')[1].split("</div>")[0]
    assert "<script" not in rendered
    assert "<img" not in rendered
    assert 'href="javascript' not in rendered
    assert "<strong>gras</strong>" in rendered


def test_participants_edit_until_a_week_after_the_event(client, atelier, gouvernance, alice):
    move_to_past(atelier, ended_days_ago=6)
    login(client, alice)
    response = client.post(
        url("table", "atelier", gouvernance.pk), {"notes": "Suivi", "base_version": "0"}
    )
    assert response.status_code == 302
    assert notes_of(gouvernance) == "Suivi"


def test_notes_are_read_only_after_the_window_but_for_staff(
    staff_with_totp, client, atelier, gouvernance, alice, carol, staff
):
    workshops.save_notes(table=gouvernance, user=carol, notes="Compte rendu", base_version=0)
    move_to_past(atelier, ended_days_ago=8)
    login(client, alice)
    response = client.get(url("table", "atelier", gouvernance.pk))
    assert "Compte rendu" in page(response)
    assert "record: they are read-only." in page(response)
    assert 'name="notes"' not in page(response)
    response = client.post(
        url("table", "atelier", gouvernance.pk), {"notes": "Changé", "base_version": "1"}
    )
    assert response.status_code == 403
    assert notes_of(gouvernance) == "Compte rendu"
    login(client, staff)
    client.post(url("table", "atelier", gouvernance.pk), {"notes": "Corrigé", "base_version": "1"})
    assert notes_of(gouvernance) == "Corrigé"


def test_notes_too_long_are_refused_and_the_text_stays(client, gouvernance, alice):
    login(client, alice)
    text = "x" * (workshops.NOTES_MAX_LENGTH + 1)
    response = client.post(
        url("table", "atelier", gouvernance.pk), {"notes": text, "base_version": "0"}
    )
    assert response.status_code == 400
    assert text in page(response)
    assert notes_of(gouvernance) == ""


def test_a_broken_base_version_is_a_400(client, gouvernance, alice):
    login(client, alice)
    response = client.post(
        url("table", "atelier", gouvernance.pk), {"notes": "Idée", "base_version": "abc"}
    )
    assert response.status_code == 400
    assert notes_of(gouvernance) == ""


# --- who sees what ---

PEOPLE = ["anonymous", "outsider", "not registered", "attendee elsewhere", "participant",
          "facilitator", "staff"]  # fmt: skip

TABLES_PAGE = {"anonymous": 403, "outsider": 403, "not registered": 200,
               "attendee elsewhere": 200, "participant": 200, "facilitator": 200,
               "staff": 200}  # fmt: skip
TABLE_PAGE_UPCOMING = {"anonymous": "login", "outsider": 403, "not registered": 403,
                       "attendee elsewhere": 403, "participant": 200, "facilitator": 200,
                       "staff": 200}  # fmt: skip
TABLE_PAGE_PAST = {"anonymous": "login", "outsider": 403, "not registered": 403,
                   "attendee elsewhere": 200, "participant": 200, "facilitator": 200,
                   "staff": 200}  # fmt: skip
EDIT_UPCOMING = {"participant": True, "facilitator": True, "staff": True}
HISTORY = {"participant": True, "facilitator": True, "staff": True}


@pytest.fixture
def cast(erin, dan, bob, alice, carol, staff_with_totp):
    return {"anonymous": None, "outsider": erin, "not registered": dan,
            "attendee elsewhere": bob, "participant": alice, "facilitator": carol,
            "staff": staff_with_totp}  # fmt: skip


def check(response, expected, person):
    if expected == "login":
        assert response.status_code == 302, person
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == expected, person


@pytest.mark.parametrize("person", PEOPLE)
def test_tables_page_permissions(client, gouvernance, cast, person):
    if cast[person]:
        login(client, cast[person])
    check(client.get(url("tables", "atelier")), TABLES_PAGE[person], person)


@pytest.mark.parametrize("person", PEOPLE)
def test_table_page_permissions_during_the_event(client, gouvernance, cast, person):
    if cast[person]:
        login(client, cast[person])
    response = client.get(url("table", "atelier", gouvernance.pk))
    check(response, TABLE_PAGE_UPCOMING[person], person)
    if response.status_code == 200:
        assert ('name="notes"' in page(response)) == EDIT_UPCOMING.get(person, False)
        assert ("History" in page(response)) == HISTORY.get(person, False)


@pytest.mark.parametrize("person", PEOPLE)
def test_table_page_permissions_after_the_event(client, atelier, gouvernance, cast, person):
    move_to_past(atelier, ended_days_ago=30)
    if cast[person]:
        login(client, cast[person])
    response = client.get(url("table", "atelier", gouvernance.pk))
    check(response, TABLE_PAGE_PAST[person], person)
    if response.status_code == 200:
        assert ('name="notes"' in page(response)) == (person == "staff")
        assert ("History" in page(response)) == HISTORY.get(person, False)


@pytest.mark.parametrize("person", PEOPLE)
def test_saving_notes_permissions(client, gouvernance, cast, person):
    if cast[person]:
        login(client, cast[person])
    response = client.post(
        url("table", "atelier", gouvernance.pk), {"notes": "Essai", "base_version": "0"}
    )
    expected = 302 if EDIT_UPCOMING.get(person) else TABLE_PAGE_UPCOMING[person]
    check(response, expected, person)
    assert (notes_of(gouvernance) == "Essai") == (expected == 302)


def test_attendee_elsewhere_sees_no_link_to_another_tables_notes_during_the_event(
    client, gouvernance, bob
):
    content = page(login(client, bob).get(url("tables", "atelier")))
    assert f'href="{url("table", "atelier", gouvernance.pk)}"' not in content


def test_public_events_tables_page_is_open_to_visitors(client, make_event, staff):
    event = make_event(slug="forum", audience=Event.Audience.PUBLIC)
    workshops.add_table(event=event, theme="Logement", by=staff)
    response = client.get(url("tables", "forum"))
    assert response.status_code == 200
    assert "Sign in to choose a table." in page(response)


# --- queries ---


def tables_page_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url("tables", "atelier")).status_code == 200
    return len(captured)


def grow(event, staff, tables, seats_per_table, offset):
    for number in range(tables):
        table = workshops.add_table(
            event=event, theme=f"Table {offset + number}", capacity=20, by=staff
        )
        for seat in range(seats_per_table):
            user = UserFactory(email=f"seat{offset + number}-{seat}@example.org")
            services.register(event=event, user=user, is_listed=seat % 2 == 0)
            workshops.choose_table(table=table, user=user)


@pytest.mark.parametrize("viewer", ["alice", "staff"])
def test_tables_page_queries_stay_constant(
    staff_with_totp, client, atelier, gouvernance, staff, alice, viewer
):
    login(client, {"alice": alice, "staff": staff}[viewer])
    grow(atelier, staff, 1, 2, 0)
    before = tables_page_queries(client)
    grow(atelier, staff, 10, 10, 100)  # 10x the tables, far more seats
    assert tables_page_queries(client) == before


# --- admin ---

ADMIN_TABLES = "/en/admin/events/workshoptable/"


def admin_queries(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured), page(response)


def test_admin_lists_tables_with_seats_without_n_plus_one(
    staff_client, atelier, gouvernance, financement, staff
):
    few, content = admin_queries(staff_client, ADMIN_TABLES)
    assert '<td class="field-seats">1 / 2</td>' in content
    grow(atelier, staff, 10, 3, 200)
    many, _content = admin_queries(staff_client, ADMIN_TABLES)
    assert many == few


def test_admin_table_page_shows_seats_and_revisions_read_only(
    staff_client, gouvernance, carol, alice
):
    workshops.save_notes(table=gouvernance, user=carol, notes="**Bilan**", base_version=0)
    response = staff_client.get(f"{ADMIN_TABLES}{gouvernance.pk}/change/")
    content = page(response)
    assert response.status_code == 200
    assert "alice@example.org" in content
    assert "<strong>Bilan</strong>" in content
    assert 'name="notes"' not in content


def test_the_event_admin_edits_its_workshop_tables(staff_client, atelier, gouvernance):
    content = page(staff_client.get(f"/en/admin/events/event/{atelier.pk}/change/"))
    assert 'name="workshop_tables-0-theme"' in content
    assert 'data-field-name="facilitator"' in content


# --- demo ---


def test_demo_seed_gives_tables_and_notes_and_is_idempotent(db):
    from events.demo import seed_demo_events
    from events.demo_workshops import seed_demo_workshops
    from members.demo import seed_demo_community
    from spaces.demo import seed_demo_spaces

    quiet = lambda *args: None  # noqa: E731
    seed_demo_community(log=quiet)
    seed_demo_spaces(log=quiet)
    seed_demo_events(log=quiet)
    assert seed_demo_workshops(log=quiet) == 3
    counts = (
        WorkshopTable.objects.count(),
        TableSeat.objects.count(),
        TableNotesRevision.objects.count(),
        Activity.objects.count(),
    )
    assert seed_demo_workshops(log=quiet) == 0
    assert (
        WorkshopTable.objects.count(),
        TableSeat.objects.count(),
        TableNotesRevision.objects.count(),
        Activity.objects.count(),
    ) == counts
    past = WorkshopTable.objects.filter(event__slug="atelier-role-conseil-administration-obnl")
    assert past.count() == 3
    assert all(table.notes and table.facilitator for table in past)
    assert TableNotesRevision.objects.filter(table__in=past).count() == 6
    english = WorkshopTable.objects.filter(event__slug="webinar-grant-writing-funders-remember")
    assert english.count() == 2
    assert all(table.theme.startswith("Breakout") and table.notes for table in english)
    upcoming = WorkshopTable.objects.filter(
        event__slug="forum-ouvert-se-loger-dignement-a-montreal"
    )
    assert upcoming.count() == 4
    assert not any(table.notes for table in upcoming)
    assert TableSeat.objects.filter(table__in=upcoming).exists()


def test_admin_sets_a_tables_event_on_add_only(staff_client, atelier, gouvernance):
    response = staff_client.get(f"{ADMIN_TABLES}{gouvernance.pk}/change/")
    assert 'name="event"' not in page(response)
    response = staff_client.get(f"{ADMIN_TABLES}add/")
    assert 'name="event"' in page(response)
