import pytest
from django.core.cache import cache

from tests.factories import UserFactory
from tests.helpers import page_queries

DIRECTORY = "/en/members/"


def names(response):
    return [profile.display_name for profile, _shared in response.context["cards"]]


def test_visitor_is_sent_to_sign_in(client, db):
    response = client.get(DIRECTORY)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/members/"


def test_member_sees_members_in_alphabetical_order(alice_client, bob):
    assert names(alice_client.get(DIRECTORY)) == ["Alice Tremblay", "Bob Gagnon"]


def test_hidden_profiles_are_not_listed_even_to_staff(client, alice, bob, staff_with_totp):
    bob.profile.visibility = "hidden"
    bob.profile.save()
    client.force_login(alice)
    assert "Bob Gagnon" not in names(client.get(DIRECTORY))
    client.force_login(staff_with_totp)
    assert "Bob Gagnon" not in names(client.get(DIRECTORY))


def test_deactivated_members_are_not_listed(alice_client, bob):
    bob.is_active = False
    bob.save()
    assert names(alice_client.get(DIRECTORY)) == ["Alice Tremblay"]


def test_search_by_name_or_organization(alice_client, bob):
    assert names(alice_client.get(DIRECTORY, {"q": "gagn"})) == ["Bob Gagnon"]
    assert names(alice_client.get(DIRECTORY, {"q": "banque alimentaire"})) == ["Alice Tremblay"]


def test_filter_by_interest(alice_client, bob):
    response = alice_client.get(DIRECTORY, {"interest": "logement"})
    assert names(response) == ["Bob Gagnon"]
    response = alice_client.get(DIRECTORY, {"interest": "jardins-communautaires"})
    assert names(response) == ["Alice Tremblay", "Bob Gagnon"]


def test_the_filters_list_interests_and_skills_as_they_are_now(alice_client, alice, bob):
    """The lists are kept between pages, and forgotten when an interest or skill changes."""
    from members.models import Interest, Skill

    def options(name):
        page = alice_client.get(DIRECTORY).content.decode()
        select = page.split(f'name="{name}"')[1].split("</select>")[0]
        lines = [line for line in select.splitlines() if "<option" in line]
        return [line.split(">")[1].split("<")[0] for line in lines]

    assert "Logement" in options("interest")
    Interest.objects.create(name="Agriculture urbaine", slug="agriculture-urbaine")
    Interest.objects.filter(slug="logement").get().delete()
    alice.profile.skills_offered.add("Menuiserie")
    assert "Agriculture urbaine" in options("interest")
    assert "Logement" not in options("interest")
    assert "Menuiserie" in options("skill")
    skill = Skill.objects.get(name="Menuiserie")
    skill.name = "Ébénisterie"
    skill.save()
    assert "Ébénisterie" in options("skill")
    assert "Menuiserie" not in options("skill")
    response = alice_client.get(DIRECTORY, {"interest": "logement"})
    assert "Select a valid choice." in response.content.decode()


def test_filter_by_skill_offered_or_sought(alice_client, alice, bob):
    alice.profile.skills_sought.set(["Comptabilité"])
    response = alice_client.get(DIRECTORY, {"skill": "comptabilite"})
    assert names(response) == ["Alice Tremblay", "Bob Gagnon"]


def test_filter_by_region(alice_client, bob):
    assert names(alice_client.get(DIRECTORY, {"region": "06"})) == ["Bob Gagnon"]


def test_unknown_filter_values_show_a_message_not_an_error(alice_client, bob):
    response = alice_client.get(DIRECTORY, {"interest": "no-such-interest", "region": "42"})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()


def test_cards_show_interests_shared_with_the_viewer(alice_client, bob):
    cards = dict(alice_client.get(DIRECTORY).context["cards"])
    bob_shared = next(shared for profile, shared in cards.items() if profile.user_id == bob.pk)
    assert [tag.name for tag in bob_shared] == ["Jardins communautaires"]


def test_own_card_shows_no_interest_in_common(alice_client, alice):
    cards = alice_client.get(DIRECTORY).context["cards"]
    assert [(profile.user_id, shared) for profile, shared in cards] == [(alice.pk, [])]


def test_htmx_request_gets_only_the_results(alice_client, bob):
    response = alice_client.get(DIRECTORY, {"q": "bob"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page
    assert "Bob Gagnon" in page


def test_directory_is_paginated(alice_client, settings):
    settings.MAILLAGE_DIRECTORY_PAGE_SIZE = 3
    for number in range(7):
        UserFactory(profile__display_name=f"Membre {number}")
    first = alice_client.get(DIRECTORY)
    assert first.context["page"].paginator.num_pages == 3
    last = alice_client.get(DIRECTORY, {"page": 3})
    assert names(last) == ["Membre 5", "Membre 6"]
    assert alice_client.get(DIRECTORY, {"page": "nonsense"}).status_code == 200


def add_members(count, offset=0):
    for number in range(offset, offset + count):
        UserFactory(
            profile__display_name=f"Membre {number:03}",
            profile__interests=[f"Sujet {number % 7}", "Jardins communautaires"],
            profile__skills_offered=[f"Talent {number % 5}"],
            profile__skills_sought=[f"Besoin {number % 3}"],
        )


@pytest.mark.parametrize("params", [{}, {"interest": "jardins-communautaires", "q": "membre"}])
def test_directory_query_count_does_not_grow_with_members(alice_client, settings, params):
    settings.MAILLAGE_DIRECTORY_PAGE_SIZE = 50
    add_members(3)
    cache.clear()  # the directory's total is kept a minute (and the session is cached too)
    few = page_queries(alice_client, DIRECTORY, params)
    add_members(30, offset=3)
    cache.clear()
    many = page_queries(alice_client, DIRECTORY, params)
    assert few == many


def test_home_query_count_does_not_grow_with_members(alice_client):
    add_members(3)
    cache.clear()  # the ranking of people who share my interests is kept five minutes
    few = page_queries(alice_client, "/en/")
    add_members(30, offset=3)
    cache.clear()
    assert page_queries(alice_client, "/en/") == few


def test_each_filter_counts_its_own_members(alice_client, bob):
    """The total is kept a minute per set of filters, never shared between two of them."""
    assert alice_client.get(DIRECTORY).context["page"].paginator.count == 2
    assert (
        alice_client.get(DIRECTORY, {"interest": "logement"}).context["page"].paginator.count == 1
    )
    assert alice_client.get(DIRECTORY, {"q": "gagn"}).context["page"].paginator.count == 1
    assert alice_client.get(DIRECTORY).context["page"].paginator.count == 2


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_filters_print_as_the_field_template_does(alice_client, bob, language):
    """Kept while no filter is chosen (common's {% filter_fields %}): the same markup as
    each field printed by components/form_field.html."""
    from django.template import Context, Template
    from django.utils import translation

    from common.templatetags.kept_forms import filter_fields
    from members.forms import DirectoryFilterForm

    loop = Template('{% for field in form %}{% include "components/form_field.html" %}{% endfor %}')
    with translation.override(language):
        for data in (None, {}, {"page": "2"}, {"interest": "logement"}, {"region": "42"}):
            for _ in range(2):  # printed, then kept
                form = DirectoryFilterForm(data)
                form.is_valid()
                assert str(filter_fields(form)) == loop.render(Context({"form": form}))
