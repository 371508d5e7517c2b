"""The admin answers forged and careless input with a form error or a message, never a
server error (common.admin): values its selects cannot hold, a member added twice, rows
it makes on its own, a forged count of inline rows, a search or a tag too long."""

import pytest
from django.contrib import admin
from django.contrib.sites.models import Site

from common.admin import GuardedFormfields, ModelAdmin
from community.models import Notification
from events.models import Event
from members.models import Membership as TierMembership
from members.models import MembershipTier, Profile, User
from spaces.models import Membership, Space
from tests.security.crawler import parse_forms
from tests.security.hostile import baseline

HUGE = [str(2**63), str(10**30)]


def page_form(client, address):
    """The page's main form (the one with the most fields), as a browser would send it."""
    page = client.get(address)
    assert page.status_code == 200
    form = max(parse_forms(address, page.content.decode()), key=lambda found: len(found.fields))
    return baseline(form)


def send(client, address, **changes):
    data = page_form(client, address)
    data.update(changes)
    return client.post(address, data)


def errors_of(response):
    return response.context["adminform"].form.errors


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_every_admin_of_the_site_has_the_guards():
    """Ours derive from common.admin; the packages' are registered again with it."""
    unguarded = [
        f"{model._meta.label}: {type(model_admin).__name__}"
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, ModelAdmin)
        or not all(issubclass(inline, GuardedFormfields) for inline in model_admin.inlines)
    ]
    assert unguarded == []


ADD_MEMBER = "/en/admin/members/user/add/"
PASSWORD = "Un-mot-de-passe-assez-long-42"


def test_adding_a_member_twice_answers_the_second_time_with_the_error(staff_client):
    data = {**page_form(staff_client, ADD_MEMBER), "email": "erin@example.org"}

    first = staff_client.post(ADD_MEMBER, data)
    second = staff_client.post(ADD_MEMBER, data)

    assert first.status_code == 302
    assert second.status_code == 200
    assert errors_of(second)["email"] == ["User with this Email address already exists."]
    assert User.objects.filter(email="erin@example.org").count() == 1


def test_a_new_member_gets_one_profile_filled_in_on_the_next_page(staff_client):
    data = {
        **page_form(staff_client, ADD_MEMBER),
        "email": "erin@example.org",
        # What the add page's profile rows sent: the profile is made with the account.
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "0",
        "profile-0-display_name": "Erin Lavoie",
    }

    response = staff_client.post(ADD_MEMBER, data)

    assert response.status_code == 302
    erin = User.objects.get(email="erin@example.org")
    assert Profile.objects.filter(user=erin).count() == 1
    assert response["Location"] == f"/en/admin/members/user/{erin.pk}/change/"
    change_page = staff_client.get(response["Location"])
    assert "profile-0-display_name" in change_page.content.decode()


@pytest.mark.parametrize("model", ["members/profile", "community/notification"])
def test_rows_the_site_makes_itself_are_not_added_by_hand(staff_client, model):
    assert staff_client.get(f"/en/admin/{model}/add/").status_code == 403
    assert staff_client.post(f"/en/admin/{model}/add/", {"_save": "Save"}).status_code == 403
    assert Profile.objects.count() == 1  # staff's own
    assert Notification.objects.count() == 0


def test_the_site_is_one_none_is_added_or_deleted(staff_client):
    """Maillage runs one site (SITE_ID); a second one added here collided with the first's
    id on PostgreSQL (the migration that names it sets its id)."""
    assert staff_client.get("/en/admin/sites/site/add/").status_code == 403
    assert staff_client.post("/en/admin/sites/site/1/delete/", {"post": "yes"}).status_code == 403
    assert Site.objects.count() == 1

    response = send(staff_client, "/en/admin/sites/site/1/change/", name="Maillage Québec")

    assert response.status_code == 302
    assert Site.objects.get().name == "Maillage Québec"


@pytest.mark.parametrize("value", [*HUGE, "not-a-tier", "-1"])
def test_a_many_to_many_select_refuses_keys_no_row_has(staff_client, make_event, value):
    event = make_event()
    MembershipTier.objects.create(name="Soutien")

    response = send(staff_client, f"/en/admin/events/event/{event.pk}/change/", tiers=[value])

    assert response.status_code == 200
    message = "Select a valid choice. -1 is not one of the available choices."
    if value != "-1":
        message = f"“{value}” is not a valid value."
    assert errors_of(response)["tiers"] == [message]
    assert list(event.tiers.all()) == []


@pytest.mark.parametrize("value", [*HUGE, "not-a-space", "\x00"])
def test_an_autocomplete_select_refuses_keys_no_row_has(staff_client, make_event, value):
    event = make_event()

    response = send(staff_client, f"/en/admin/events/event/{event.pk}/change/", space=value)

    assert response.status_code == 200
    assert "space" in errors_of(response)
    event.refresh_from_db()
    assert event.space is None


def test_a_membership_for_a_member_no_row_has_is_refused(staff_client):
    tier = MembershipTier.objects.create(name="Soutien")
    address = "/en/admin/members/membership/add/"

    response = send(staff_client, address, user=str(10**30), tier=str(tier.pk))

    assert response.status_code == 200
    assert errors_of(response)["user"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert TierMembership.objects.count() == 0


def test_the_packages_admins_refuse_keys_no_row_has_too(staff_client):
    response = send(staff_client, "/en/admin/auth/group/add/", name="Bénévoles", permissions=HUGE)

    assert response.status_code == 200
    assert errors_of(response)["permissions"] == [f"“{HUGE[0]}” is not a valid value."]


@pytest.mark.parametrize("selected", [*HUGE, "not-an-id", "", "\x00"])
def test_an_action_on_items_that_cannot_exist_changes_nothing(staff_client, make_event, selected):
    make_event()

    response = staff_client.post(
        "/en/admin/events/event/",
        {"action": "delete_selected", "index": "0", "_selected_action": [selected]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Some of the selected items do not exist. No items have been changed." in (
        messages_of(response)
    )
    assert Event.objects.count() == 1


def test_a_search_too_long_to_be_one_finds_nothing(staff_client, make_event):
    make_event(title="x" * 150)

    response = staff_client.get("/en/admin/events/event/", {"q": "x" * 100_000})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 0
    assert messages_of(response) == ["Search with at most 200 characters."]


@pytest.mark.parametrize("count", ["-1", "0", str(2**63)])
def test_a_forged_count_of_inline_rows_is_refused(staff_client, alice, bob, count):
    space = Space.objects.create(name="Comité", slug="comite")
    Membership.objects.create(space=space, user=alice, role=Membership.Role.OWNER)
    Membership.objects.create(space=space, user=bob)
    address = f"/en/admin/spaces/space/{space.pk}/change/"

    response = send(staff_client, address, **{"memberships-INITIAL_FORMS": count})

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors() == [
        "The rows changed since this page was opened: open it again."
    ]
    assert Membership.objects.filter(space=space).count() == 2


@pytest.mark.parametrize("tags", ["x" * 100_000, "a" * 101])
def test_a_tag_longer_than_a_tag_may_be_is_refused(staff_client, tags):
    space = Space.objects.create(name="Comité", slug="comite")

    response = send(staff_client, f"/en/admin/spaces/space/{space.pk}/change/", interests=tags)

    assert response.status_code == 200
    assert errors_of(response)["interests"] == ["Each entry must be 100 characters or fewer."]
    assert list(space.interests.all()) == []


def test_a_profiles_languages_are_chosen_from_the_list(staff_client, alice):
    address = f"/en/admin/members/profile/{alice.profile.pk}/change/"

    response = send(staff_client, address, languages=["fr", "ht"])
    assert response.status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.languages == ["fr", "ht"]

    response = send(staff_client, address, languages=[])
    assert response.status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.languages == []

    response = send(staff_client, address, languages=["klingon"])
    assert response.status_code == 200
    assert errors_of(response)["languages"] == [
        "Select a valid choice. klingon is not one of the available choices."
    ]
