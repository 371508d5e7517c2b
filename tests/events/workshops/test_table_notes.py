"""A table's shared notes: saving, revisions, stale saves, sanitizing, the window to edit."""

from analytics.models import Activity
from events.models import TableNotesRevision
from events.services import workshops
from tests.events.workshops.shared import login, move_to_past, notes_of, page
from tests.helpers import url


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
