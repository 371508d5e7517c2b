"""The events list's cards count each event's seats and waiting list and say where the
member stands, in the list and among the events recommended for them."""

from django.urls import reverse

from events import services


def test_cards_count_seats_and_waiting_list_and_say_where_alice_stands(
    alice_client, alice, bob, carol, make_event, english
):
    full = make_event(title="Assemblée pleine", capacity=1)
    services.register(event=full, user=bob, guests=0)
    services.register(event=full, user=alice)  # waiting behind Bob
    roomy = make_event(title="Atelier ouvert", capacity=10)
    services.register(event=roomy, user=carol)

    page = alice_client.get(reverse("events:list")).content.decode()

    assert "1 of 1 seat taken" in page
    assert "1 waiting" in page
    assert "You are on the waiting list" in page
    assert "1 of 10 seats taken" in page


def test_recommended_events_show_their_seats_and_leave_out_those_alice_joined(
    alice_client, alice, bob, make_event, english
):
    garden = make_event(title="Corvée au jardin", capacity=8, interests=["Jardins communautaires"])
    services.register(event=garden, user=bob)
    joined = make_event(title="Déjà inscrite", interests=["Jardins communautaires"])
    services.register(event=joined, user=alice)

    page = alice_client.get(reverse("events:list")).content.decode()
    recommended = page.split('id="recommended-heading"')[1].split('id="all-events-heading"')[0]

    assert garden.title in recommended
    assert "1 of 8 seats taken" in recommended
    assert joined.title not in recommended
    assert "You are registered" in page  # in the list below


def test_a_new_event_shows_at_once_though_the_total_is_kept_a_minute(
    alice_client, make_event, english
):
    make_event(title="Assemblée générale")
    first = alice_client.get(reverse("events:list"))
    assert first.context["page"].paginator.count == 1
    make_event(title="Atelier budget")
    again = alice_client.get(reverse("events:list")).content.decode()
    assert "Assemblée générale" in again and "Atelier budget" in again


def test_cards_follow_registrations_at_once(alice_client, alice, bob, make_event, english):
    """Counts and where the member stands are kept under versions that every registration
    changes: the list read before a change shows it after."""
    from events.models import Registration

    event = make_event(title="Assemblée", capacity=1)
    url = reverse("events:list")
    assert "0 of 1 seat taken" in alice_client.get(url).content.decode()
    services.register(event=event, user=bob)
    services.register(event=event, user=alice)
    page = alice_client.get(url).content.decode()
    assert "1 of 1 seat taken" in page
    assert "1 waiting" in page
    assert "You are on the waiting list" in page
    services.cancel(registration=Registration.objects.get(event=event, user=bob))
    page = alice_client.get(url).content.decode()
    assert "1 of 1 seat taken" in page  # alice's now
    assert "waiting" not in page
    assert "You are registered" in page
    services.cancel(registration=Registration.objects.get(event=event, user=alice))
    page = alice_client.get(url).content.decode()
    assert "0 of 1 seat taken" in page
    assert "You are registered" not in page


def test_where_one_member_stands_is_not_shown_to_another(client, alice, bob, make_event, english):
    event = make_event(title="Assemblée", capacity=5)
    services.register(event=event, user=alice)
    client.force_login(alice)
    assert "You are registered" in client.get(reverse("events:list")).content.decode()
    client.force_login(bob)
    assert "You are registered" not in client.get(reverse("events:list")).content.decode()


def test_recommended_events_come_by_interests_shared_then_date(alice_client, make_event, english):
    """Alice cares about "Sécurité alimentaire" and "Jardins communautaires"."""
    from datetime import timedelta

    from django.utils import timezone

    soon = timezone.now() + timedelta(days=3)
    make_event(title="Une en commun", starts_at=soon, interests=["Jardins communautaires", "Arts"])
    make_event(
        title="Deux en commun",
        starts_at=soon + timedelta(days=5),
        interests=["Jardins communautaires", "Sécurité alimentaire", "Arts"],
    )
    make_event(title="Une aussi, plus tard", starts_at=soon + timedelta(days=1),
               interests=["Sécurité alimentaire"])  # fmt: skip
    make_event(title="Aucune", starts_at=soon, interests=["Arts"])
    make_event(title="La quatrième", starts_at=soon + timedelta(days=9),
               interests=["Sécurité alimentaire"])  # fmt: skip

    page = alice_client.get(reverse("events:list")).content.decode()
    recommended = page.split('id="recommended-heading"')[1].split('id="all-events-heading"')[0]
    titles = ["Deux en commun", "Une en commun", "Une aussi, plus tard"]
    positions = [recommended.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Aucune" not in recommended
    assert "La quatrième" not in recommended  # three at most


def test_recommended_events_come_by_alice_s_interests_not_bob_s(
    alice_client, bob, make_event, english
):
    """Bob cares about "Logement", Alice does not."""
    make_event(title="Du logement", interests=["Logement"])
    make_event(title="Des jardins", interests=["Jardins communautaires"])

    page = alice_client.get(reverse("events:list")).content.decode()
    recommended = page.split('id="recommended-heading"')[1].split('id="all-events-heading"')[0]

    assert "Des jardins" in recommended
    assert "Du logement" not in recommended
