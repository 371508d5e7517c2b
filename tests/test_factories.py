"""Each factory builds a valid row of its model, with what the tests rely on."""

import pytest

from events.models import Registration
from tests.factories import (
    ActivityFactory,
    ChatMessageFactory,
    ConversationFactory,
    DirectMessageFactory,
    EventFactory,
    LiveQuestionFactory,
    MeetingFactory,
    MembershipFactory,
    NotificationFactory,
    PollFactory,
    RegistrationFactory,
    ReplyFactory,
    SpaceMembershipFactory,
    ThreadFactory,
    UserFactory,
    WorkshopTableFactory,
    make_space,
)

pytestmark = pytest.mark.django_db


def test_a_user_comes_with_the_profile_asked_for():
    user = UserFactory(profile__display_name="Nora", profile__interests=["Logement"])
    assert user.profile.display_name == "Nora"
    assert list(user.profile.interests.names()) == ["Logement"]


def test_a_membership_is_active_in_its_tier():
    membership = MembershipFactory(tier__name="Organisme")
    assert membership.user.memberships.active().get().tier.name == "Organisme"


def test_spaces_threads_replies_and_chat(alice, bob):
    space = make_space("Jardins urbains", owner=alice, members=[bob], interests=["Logement"])
    assert space.slug == "jardins-urbains"
    assert {m.role for m in space.memberships.all()} == {"owner", "member"}
    reply = ReplyFactory(thread=ThreadFactory(space=space, author=alice), author=bob)
    reply.thread.refresh_from_db()
    assert reply.thread.reply_count == 1
    assert "<strong>tous</strong>" in reply.thread.body_html
    assert ChatMessageFactory(space=space, author=bob).space == space
    assert SpaceMembershipFactory().role == "member"


def test_a_conversation_between_its_people(alice, bob):
    conversation = ConversationFactory(people=[alice, bob])
    message = DirectMessageFactory(conversation=conversation, author=alice)
    assert {p.user for p in message.conversation.participants.all()} == {alice, bob}


def test_registrations_confirmed_waitlisted_and_checked_in():
    event = EventFactory(capacity=1)
    assert RegistrationFactory(event=event).status == Registration.Status.CONFIRMED
    waiting = RegistrationFactory(event=event, waitlisted=True)
    assert waiting.status == Registration.Status.WAITLISTED and waiting.waitlisted_at
    assert RegistrationFactory(event=event, checked_in=True).checked_in_at == event.starts_at


def test_meetings_tables_questions_and_polls():
    meeting = MeetingFactory()
    assert meeting.event.meetings_enabled
    assert meeting.ends_at > meeting.starts_at
    assert WorkshopTableFactory().theme
    assert LiveQuestionFactory().status == "open"
    poll = PollFactory(choices=["Oui", "Non"])
    assert [choice.label for choice in poll.choices.all()] == ["Oui", "Non"]


def test_notifications_and_activity(alice, bob):
    thread = ThreadFactory(author=alice)
    notification = NotificationFactory(recipient=bob, actor=alice, target=thread)
    assert notification.target_id == thread.pk and notification.read_at is None
    activity = ActivityFactory(actor=alice, verb="thread.created", target=thread)
    assert activity.target == thread
