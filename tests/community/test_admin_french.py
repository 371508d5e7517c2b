"""The admin speaks French too: in French, every app and model the admin index names is
named in French (the names are the apps' and models' verbose names, translated)."""

from django.utils import translation
from django.utils.html import escape

# Names spelled the same in both languages: the only ones allowed to read as in English.
SAME_IN_BOTH = {"Notifications", "Sites"}


def names_on(app_list):
    """Each app's name and its models' names, as the index shows them (lazy: translated
    when read)."""
    for app in app_list:
        yield app["name"]
        yield from (model["name"] for model in app["models"])


def in_language(name, language):
    with translation.override(language):
        return str(name)


def test_the_admin_index_names_every_app_and_model_in_french(staff_client):
    """French is the default language: its pages have no prefix."""
    response = staff_client.get("/admin/")
    assert response.status_code == 200
    page = response.content.decode()
    names = list(names_on(response.context["app_list"]))
    assert len(names) > 20
    in_english = [
        in_language(name, "en")
        for name in names
        if in_language(name, "fr") == in_language(name, "en")
        and in_language(name, "fr") not in SAME_IN_BOTH
    ]
    assert in_english == []
    for name in names:
        assert escape(in_language(name, "fr")) in page


def test_the_two_factor_and_events_sections_are_headed_in_french(staff_client):
    page = staff_client.get("/admin/").content.decode()
    assert "Authentification à deux facteurs" in page
    assert "Événements" in page
    assert ">MFA<" not in page
    assert ">Events<" not in page


def test_the_same_index_reads_english_in_english(staff_client):
    page = staff_client.get("/en/admin/").content.decode()
    assert "Two-factor authentication" in page
    assert ">Events<" in page
