import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import UserFactory, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def confirmation_path(message):
    return re.search(r"https?://[^/\s]+(/\S*accounts/confirm-email/\S+/)", message.body).group(1)


def test_a_visitor_joins_fills_a_profile_and_finds_a_member_by_a_shared_interest(new_page):
    verified(
        UserFactory(
            email="beatrice@example.org",
            profile__display_name="Béatrice Lavoie",
            profile__organization="Comité logement Rosemont",
            profile__interests=["Logement social", "Arts et culture"],
        )
    )
    page = new_page()

    # A visitor arrives on the French home page and joins.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("link", name="Rejoindre la communauté").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    page.fill("input[name=email]", "nora@example.org")
    page.fill("input[name=display_name]", "Nora Bouchard")
    page.fill("input[name=password1]", "un-mot-de-passe-solide-42")
    page.fill("input[name=password2]", "un-mot-de-passe-solide-42")
    page.locator("form[action$='/accounts/signup/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    # She confirms her address from the email and is signed in.
    assert [message.to for message in mail.outbox] == [["nora@example.org"]]
    page.goto(confirmation_path(mail.outbox[0]))
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("link", name="Mon profil", exact=True)).to_be_visible()

    # She fills her profile with interests.
    page.goto("/members/me/edit/")
    page.fill("textarea[name=bio]", "Je travaille en sécurité alimentaire à Québec.")
    page.select_option("select[name=region]", "03")
    page.fill("input[name=interests]", "Sécurité alimentaire, Logement social")
    page.get_by_role("button", name="Enregistrer mon profil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nora Bouchard")
    expect(page.get_by_text("Votre profil est enregistré.")).to_be_visible()
    expect(page.get_by_role("link", name="Logement social")).to_be_visible()

    # She finds Béatrice in the directory through the interest they share.
    page.get_by_role("link", name="Répertoire").click()
    page.select_option("select[name=interest]", label="Logement social")
    page.get_by_role("button", name="Rechercher").click()
    results = page.locator("#directory-results")
    expect(results.get_by_role("link", name="Béatrice Lavoie")).to_be_visible()
    expect(results.get_by_role("link", name="Nora Bouchard")).to_be_visible()
    results.get_by_role("link", name="Béatrice Lavoie").click()
    shared = page.locator("section[aria-labelledby=shared-heading]")
    expect(shared).to_contain_text("Logement social")
    expect(shared).not_to_contain_text("Arts et culture")

    # She switches to English and stays on the same profile.
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/members/\d+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Interests you share")).to_be_visible()
    page.screenshot(path="/tmp/journey.png", full_page=True)
