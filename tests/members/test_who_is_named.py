"""One rule names people everywhere (members.permissions): a hidden profile is never
found, listed, picked or mentioned; what a member writes is signed with their name where it
is read; a deactivated account signs as a former member."""

import html

import pytest

from events.models import WorkshopTable
from members.models import Profile
from spaces.direct import services as direct
from spaces.models import ChatMessage, Conversation
from spaces.services import chat
from tests.factories import UserFactory, make_reply, make_space, make_thread, verified


@pytest.fixture
def hidden(db):
    return verified(
        UserFactory(
            email="helene@example.org",
            profile__display_name="Hélène Cachemire",
            profile__visibility="hidden",
        )
    )


@pytest.fixture
def gone(db):
    user = verified(UserFactory(email="gaston@example.org", profile__display_name="Gaston Parti"))
    return user


def deactivate(user):
    user.is_active = False
    user.save()


def page(response):
    return html.unescape(response.content.decode())


def test_a_space_member_list_leaves_out_hidden_members_but_not_for_staff(
    client, alice, bob, hidden, staff_with_totp
):
    space = make_space("Jardins", owner=alice, members=[bob, hidden])
    client.force_login(bob)
    listed = page(client.get(f"/en/spaces/{space.slug}/members/"))
    assert "Alice Tremblay" in listed
    assert "Hélène Cachemire" not in listed
    assert f"/members/{hidden.profile.pk}/" not in listed
    client.force_login(hidden)
    assert "Hélène Cachemire" in page(client.get(f"/en/spaces/{space.slug}/members/"))
    client.force_login(staff_with_totp)
    assert "Hélène Cachemire" in page(client.get(f"/en/spaces/{space.slug}/members/"))


def test_writing_to_a_hidden_members_id_does_not_name_or_offer_her(client, alice, hidden):
    make_space("Jardins", owner=alice, members=[hidden])
    client.force_login(alice)
    response = client.get(f"/en/messages/new/?to={hidden.profile.pk}")
    assert response.status_code == 200
    assert "Hélène Cachemire" not in page(response)
    response = client.post(
        "/en/messages/new/", {"recipients": [hidden.profile.pk], "body": "Bonjour"}
    )
    assert response.status_code == 400
    assert not Conversation.objects.exists()


def test_blocking_someone_one_cannot_see_is_a_404_and_names_no_one(client, alice, hidden):
    client.force_login(alice)
    response = client.post(f"/en/messages/block/{hidden.pk}/", {"action": "block"})
    assert response.status_code == 404
    assert "Hélène" not in page(response)
    assert not hidden.blocked_by.exists()


def test_blocking_a_hidden_member_one_writes_with_names_her_as_in_the_conversation(
    client, alice, hidden
):
    make_space("Jardins", owner=alice, members=[hidden])
    conversation = direct.start_conversation(sender=hidden, recipients=[alice], body="Allô")
    client.force_login(alice)
    thread = page(client.get(f"/en/messages/{conversation.pk}/"))
    assert "Hélène Cachemire" in thread
    assert f"/members/{hidden.profile.pk}/" not in thread
    response = client.post(
        f"/en/messages/block/{hidden.pk}/",
        {"action": "block", "next": "/en/messages/"},
        follow=True,
    )
    assert "Hélène Cachemire is blocked" in page(response)


def test_hidden_members_are_not_suggested_nor_linked_by_a_mention(client, alice, bob, hidden):
    space = make_space("Jardins", owner=alice, members=[bob, hidden])
    thread = make_thread(space, alice)
    client.force_login(bob)
    suggestions = page(client.get(f"/en/spaces/{space.slug}/mentions/?q=hel"))
    assert "Hélène" not in suggestions
    client.post(
        f"/en/spaces/{space.slug}/threads/{thread.pk}/", {"body": "Merci @helene-cachemire"}
    )
    reply = thread.replies.get()
    assert f"/members/{hidden.profile.pk}/" not in reply.body_html
    assert not hidden.notifications.exists()


def test_a_mention_stops_linking_when_the_member_hides_and_links_again_after(
    client, alice, bob, carol
):
    space = make_space("Jardins", owner=alice, members=[bob, carol])
    thread = make_thread(space, alice)
    client.force_login(bob)
    client.post(f"/en/spaces/{space.slug}/threads/{thread.pk}/", {"body": "Merci @carol-roy"})
    link = f'href="/members/{carol.profile.pk}/"'
    assert link in thread.replies.get().body_html
    profile = Profile.objects.get(user=carol)
    profile.visibility = "hidden"
    profile.save()
    assert link not in thread.replies.get().body_html
    assert "@carol-roy" in thread.replies.get().body_html
    profile.visibility = "members"
    profile.save()
    assert link in thread.replies.get().body_html


def test_a_hidden_author_is_named_on_her_post_without_a_link(client, alice, bob, hidden):
    space = make_space("Jardins", owner=alice, members=[bob, hidden])
    thread = make_thread(space, hidden, title="Semis d'automne")
    client.force_login(bob)
    shown = page(client.get(f"/en/spaces/{space.slug}/threads/{thread.pk}/"))
    assert "Hélène Cachemire" in shown
    assert f"/members/{hidden.profile.pk}/" not in shown


def test_a_deactivated_author_signs_as_a_former_member_everywhere(client, alice, bob, gone):
    space = make_space("Jardins", owner=alice, members=[bob, gone])
    thread = make_thread(space, gone, title="Semis d'automne")
    make_reply(thread, gone, body="Et aussi ceci")
    ChatMessage.objects.create(space=space, author=gone, body="Salut la gang")
    deactivate(gone)
    client.force_login(bob)
    for url in (
        f"/spaces/{space.slug}/threads/{thread.pk}/",
        f"/spaces/{space.slug}/",
        f"/spaces/{space.slug}/chat/",
        f"/spaces/{space.slug}/members/",
        "/",
    ):
        shown = page(client.get(url))
        assert "Gaston Parti" not in shown, url
        assert f"/members/{gone.profile.pk}/" not in shown, url
    assert "Un ancien membre" in page(client.get(f"/spaces/{space.slug}/threads/{thread.pk}/"))


def test_chat_sends_a_hidden_authors_name_without_a_link_and_presence_leaves_her_out(alice, hidden):
    space = make_space("Jardins", owner=alice, members=[hidden])
    message = ChatMessage.objects.create(space=space, author=hidden, body="Bonjour")
    event = chat.as_event(message)
    assert (event["author"], event["author_url"]) == ("Hélène Cachemire", "")
    chat.arrive(access=chat_access(hidden, space), channel_name="one")
    chat.arrive(access=chat_access(alice, space), channel_name="two")
    assert chat.present(space) == ["Alice Tremblay"]


def chat_access(user, space):
    from spaces.permissions import access_to

    return access_to(user, space)


def test_a_hidden_facilitator_is_not_named_on_the_event(client, make_event, alice, hidden):
    event = make_event(title="Forum")
    WorkshopTable.objects.create(event=event, theme="Logement", capacity=8, facilitator=hidden)
    client.force_login(alice)
    for url in (f"/en/events/{event.slug}/", f"/en/events/{event.slug}/tables/"):
        shown = page(client.get(url))
        assert "Logement" in shown
        assert "Hélène Cachemire" not in shown, url


def test_a_notification_names_a_deactivated_actor_as_a_former_member(
    client, alice, gone, django_capture_on_commit_callbacks
):
    space = make_space("Jardins", owner=alice, members=[gone])
    thread = make_thread(space, alice, title="Semences")
    client.force_login(gone)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/spaces/{space.slug}/threads/{thread.pk}/", {"body": "Moi aussi"})
    deactivate(gone)
    client.force_login(alice)
    shown = page(client.get("/notifications/"))
    assert "Un ancien membre a répondu à « Semences »" in shown
    assert "Gaston" not in shown
