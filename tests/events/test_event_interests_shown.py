"""An event's interests, on its page and its card, are kept under the version of all events'
interests: a tag added or removed, an interest renamed, and they show at once."""

from django.urls import reverse

from members.models import Interest
from tests.helpers import text


def _tags(page):
    return [part.split("</span>")[0] for part in page.split('<span class="tag">')[1:]]


def test_the_event_page_and_card_show_interests_by_name_as_they_change(alice_client, make_event):
    event = make_event(interests=["Logement", "Arts"])
    page_url, list_url = event.get_absolute_url(), reverse("events:list")
    assert _tags(text(alice_client.get(page_url))) == ["Arts", "Logement"]
    assert _tags(text(alice_client.get(list_url))) == ["Arts", "Logement"]
    event.interests.add("Environnement")
    assert _tags(text(alice_client.get(page_url))) == ["Arts", "Environnement", "Logement"]
    event.interests.remove("Arts")
    assert _tags(text(alice_client.get(list_url))) == ["Environnement", "Logement"]
    interest = Interest.objects.get(name="Logement")
    interest.name = "Habitation"
    interest.save()
    assert _tags(text(alice_client.get(page_url))) == ["Environnement", "Habitation"]
    assert _tags(text(alice_client.get(list_url))) == ["Environnement", "Habitation"]


def test_a_card_shows_five_interests(alice_client, make_event):
    make_event(interests=["F", "E", "D", "C", "B", "A"])
    assert _tags(text(alice_client.get(reverse("events:list")))) == ["A", "B", "C", "D", "E"]
