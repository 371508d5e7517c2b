"""The header of a space's pages: its interests are kept between visits and follow every
change at once."""

import re

from members.models import Interest
from tests.factories import make_space, make_thread


def header_tags(client, space):
    page = client.get(f"/en/spaces/{space.slug}/").content.decode()
    header = page.split('class="space-header"')[1].split("</header>")[0]
    return [part.split("<")[0] for part in header.split('<span class="tag">')[1:]]


def test_the_header_shows_the_space_interests_as_they_are_now(alice_client, alice):
    space = make_space("Potagers", owner=alice, interests=["Jardins", "Alimentation"])
    assert header_tags(alice_client, space) == ["Alimentation", "Jardins"]
    space.interests.add("Compost")
    assert header_tags(alice_client, space) == ["Alimentation", "Compost", "Jardins"]
    space.interests.remove("Jardins")
    assert header_tags(alice_client, space) == ["Alimentation", "Compost"]
    compost = Interest.objects.get(name="Compost")
    compost.name = "Compostage"
    compost.save()
    assert header_tags(alice_client, space) == ["Alimentation", "Compostage"]
    Interest.objects.get(name="Alimentation").delete()
    assert header_tags(alice_client, space) == ["Compostage"]
    space.interests.clear()
    assert header_tags(alice_client, space) == []


def test_a_thread_shows_its_interests_as_they_are_now(alice_client, alice):
    space = make_space("Potagers", owner=alice)
    thread = make_thread(space, alice, title="Semis")
    thread.interests.add("Jardins")

    def tags():
        page = alice_client.get(f"/en/spaces/{space.slug}/threads/{thread.pk}/").content
        return re.findall(r'<span class="tag">([^<]*)</span>', page.decode())

    assert tags() == ["Jardins"]
    thread.interests.add("Compost")
    assert tags() == ["Compost", "Jardins"]
    compost = Interest.objects.get(name="Compost")
    compost.name = "Compostage"
    compost.save()
    assert tags() == ["Compostage", "Jardins"]
    thread.interests.remove("Jardins")
    assert tags() == ["Compostage"]
