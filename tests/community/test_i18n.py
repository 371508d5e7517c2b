"""French is the default and English is complete; the catalogues cover every string."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail

ROOT = Path(settings.BASE_DIR)


def test_french_is_served_at_the_root_and_english_under_en(client, db):
    assert client.get("/").content.decode().count('<html lang="fr">') == 1
    assert client.get("/en/").content.decode().count('<html lang="en">') == 1


def test_every_page_has_the_language_switcher(alice_client, alice):
    for url in ["/", "/members/", f"/members/{alice.profile.pk}/", "/accounts/email/"]:
        page = alice_client.get(url).content.decode()
        assert 'name="language" value="en"' in page, url


def test_switching_language_goes_to_the_same_page_in_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/"


def test_switching_language_is_remembered_for_a_members_emails(alice_client, alice):
    assert alice.profile.language == "fr"
    alice_client.post("/i18n/setlang/", {"language": "en", "next": "/members/"})
    alice.profile.refresh_from_db()
    assert alice.profile.language == "en"


def test_emails_go_out_in_the_members_language(client, alice, bob):
    bob.profile.language = "en"
    bob.profile.save()
    client.post("/accounts/password/reset/", {"email": "alice@example.org"})
    client.post("/accounts/password/reset/", {"email": "bob@example.org"})
    to_alice, to_bob = mail.outbox
    assert "réinitialisation de mot de passe" in to_alice.subject
    assert "Password Reset" in to_bob.subject


def test_an_unknown_language_is_ignored(alice_client, alice):
    response = alice_client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert response.status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.language == "fr"


def test_not_found_page_in_both_languages(client, db):
    french = client.get("/nulle-part/")
    english = client.get("/en/nowhere/")
    assert french.status_code == english.status_code == 404
    assert "Page introuvable" in french.content.decode()
    assert "Page not found" in english.content.decode()


def test_forbidden_page_in_both_languages(alice_client, bob):
    french = alice_client.post(f"/members/{bob.profile.pk}/edit/", {})
    english = alice_client.post(f"/en/members/{bob.profile.pk}/edit/", {})
    assert french.status_code == english.status_code == 403
    assert "Accès refusé" in french.content.decode()
    assert "Access denied" in english.content.decode()


def test_server_error_page_in_both_languages(rf):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override("fr"):
        french = server_error(rf.get("/"))
    with translation.override("en"):
        english = server_error(rf.get("/en/"))
    assert french.status_code == english.status_code == 500
    assert "Une erreur est survenue" in french.content.decode()
    assert "Something went wrong" in english.content.decode()


def catalogue_problems(po_path):
    catalogue = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    return untranslated, fuzzy


def test_french_catalogue_has_no_untranslated_or_fuzzy_string():
    untranslated, fuzzy = catalogue_problems(ROOT / "locale/fr/LC_MESSAGES/django.po")
    assert untranslated == []
    assert fuzzy == []


def test_english_catalogue_has_no_fuzzy_string():
    _untranslated, fuzzy = catalogue_problems(ROOT / "locale/en/LC_MESSAGES/django.po")
    assert fuzzy == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """Extract the strings afresh into a copy: anything new must be in the French catalogue."""
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "media", "staticfiles", "node_modules", "*.sqlite3", "tests", "bench"
        ),
    )
    subprocess.run(
        [
            str(Path(settings.BASE_DIR) / ".venv/bin/python")
            if (ROOT / ".venv/bin/python").exists()
            else "python",
            "manage.py",
            "makemessages",
            "--locale=fr",
            "--no-obsolete",
            "--ignore=.venv",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    untranslated, fuzzy = catalogue_problems(copy / "locale/fr/LC_MESSAGES/django.po")
    assert untranslated == [], "run `make translations` and translate these strings"
    assert fuzzy == []


TRANSLATING = {"gettext", "ngettext", "pgettext", "npgettext", "gettext_lazy", "_", "ngettext_lazy"}


def test_no_text_is_translated_inside_an_f_string():
    """makemessages (xgettext) does not look inside f-strings: a text translated there is
    missing from the catalogues, and so shown untranslated. Translate it first, then
    put it in the f-string."""
    import ast

    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "tests", "bench", "node_modules", ".bench"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if not isinstance(inner, ast.Call):
                    continue
                name = getattr(inner.func, "id", None) or getattr(inner.func, "attr", None)
                literal = inner.args and isinstance(inner.args[0], ast.Constant)
                if name in TRANSLATING and literal:
                    found.append(f"{relative}:{inner.lineno}")
    assert found == []
