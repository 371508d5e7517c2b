"""Events: events, registrations (confirmed, waitlisted, checked in), meetings, workshop
tables, live questions and polls."""

from datetime import timedelta

import factory
from django.utils import timezone

from events.models import (
    Event,
    LiveQuestion,
    Meeting,
    Poll,
    PollChoice,
    Registration,
    WorkshopTable,
)
from tests.factories.members import UserFactory


class EventFactory(factory.django.DjangoModelFactory):
    """A published members' event, two hours long, a week from now (as make_event)."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Événement {n}")
    slug = factory.Sequence(lambda n: f"evenement-f{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    venue = "Centre communautaire"
    audience = "members"

    @factory.post_generation
    def interests(self, create, extracted, **kwargs):
        if create and extracted:
            self.interests.set(extracted)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration, written as is (no seat counting: services.register does
    that). RegistrationFactory(waitlisted=True) or (checked_in=True) for the others."""

    class Meta:
        model = Registration

    class Params:
        waitlisted = factory.Trait(
            status=Registration.Status.WAITLISTED,
            waitlisted_at=factory.LazyFunction(timezone.now),
        )
        checked_in = factory.Trait(
            checked_in_at=factory.LazyAttribute(lambda registration: registration.event.starts_at)
        )

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting requested at the event's start, for the event's meeting length."""

    class Meta:
        model = Meeting

    event = factory.SubFactory(EventFactory, meetings_enabled=True)
    requester = factory.SubFactory(UserFactory)
    invitee = factory.SubFactory(UserFactory)
    starts_at = factory.LazyAttribute(lambda meeting: meeting.event.starts_at)
    ends_at = factory.LazyAttribute(
        lambda meeting: meeting.starts_at + timedelta(minutes=meeting.event.meeting_minutes)
    )


class WorkshopTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopTable

    event = factory.SubFactory(EventFactory)
    theme = factory.Sequence(lambda n: f"Table {n}")


class LiveQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiveQuestion

    event = factory.SubFactory(EventFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Question {n} ?")


class PollFactory(factory.django.DjangoModelFactory):
    """PollFactory(choices=["Oui", "Non"]): a draft poll with those choices."""

    class Meta:
        model = Poll
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    question = factory.Sequence(lambda n: f"Sondage {n} ?")

    @factory.post_generation
    def choices(self, create, extracted, **kwargs):
        if create:
            for position, label in enumerate(extracted or ()):
                PollChoice.objects.create(poll=self, label=label, position=position)


def event_form_data(**overrides):
    """What staff post from the event form for a valid in-person event (overrides apply)."""
    data = {
        "title": "Assemblée des locataires",
        "language": "fr",
        "description": "Une **soirée** pour s'organiser.",
        "interests": "Logement, Droits des locataires",
        "format": "in_person",
        "venue": "Centre communautaire",
        "address": "",
        "online_url": "",
        "time_zone": "America/Toronto",
        "starts_at": "2027-03-10T18:30",
        "ends_at": "2027-03-10T21:00",
        "audience": "members",
        "capacity": "40",
        "max_guests": "1",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "meetings_enabled": "on",
        "meeting_minutes": "20",
        "is_published": "on",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "20",
        "questions-0-label": "Besoin d'interprétation ?",
        "questions-0-kind": "choice",
        "questions-0-choices": "LSQ\nAucun",
        "questions-0-position": "0",
        "questions-1-label": "",
        "questions-1-kind": "text",
        "questions-1-choices": "",
        "questions-1-position": "0",
    }
    data.update(overrides)
    return data
