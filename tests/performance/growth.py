"""Growing the privacy crawl's community: `grow(community, units)` adds `units` times the
same handful of rows to everything a page lists (people, spaces, threads, replies with
files and reactions, mentions, chat, reports, questions, events and registrations,
tables, live questions and polls, meetings, feedback, conversations, notifications), so
that the query budget compares each page at one unit and at ten. Written through the
services where they exist, so the activity log and the notifications grow too."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from common import uploads
from events import services as event_services
from events.models import Event, Feedback, WorkshopTable
from events.services import live as live_services
from events.services import meetings as meeting_services
from events.services import workshops as workshop_services
from spaces import services as space_services
from spaces.direct import services as direct
from spaces.models import Membership, Space, Thread
from spaces.permissions import access_to
from spaces.services import chat, moderation
from tests.factories import EventFactory, UserFactory, verified

INTERESTS = ["Logement", "Sécurité alimentaire", "Jardins communautaires", "Transport"]
SKILLS = ["Comptabilité", "Animation", "Graphisme"]


def grow(community, units):
    """Add `units` units of data; each call continues where the last one stopped."""
    _prepare(community)
    for _ in range(units):
        community.grown = getattr(community, "grown", 0) + 1
        _unit(community, community.grown)


def _prepare(community):
    """Room for ten units: a longer members' event (meeting slots), larger tables."""
    if getattr(community, "grown", 0):
        return
    event = community.events["members"]
    Event.objects.filter(pk=event.pk).update(
        ends_at=event.starts_at + timedelta(hours=12), capacity=None
    )
    event.refresh_from_db()
    WorkshopTable.objects.filter(event__in=community.events.values()).update(capacity=100)


def _people(community, n):
    """Three new members with interests and skills, in the open and private spaces."""
    people = []
    for k in range(3):
        user = verified(
            UserFactory(
                email=f"grown{n}.{k}@example.org",
                profile__display_name=f"Membre Grandi {n}-{k}",
                profile__organization=f"Organisme {n}",
                profile__interests=INTERESTS[k : k + 2],
                profile__skills_offered=SKILLS[k : k + 1],
            )
        )
        for key in ("open", "private"):
            Membership.objects.create(
                space=community.spaces[key], user=user, joined_at=timezone.now()
            )
        people.append(user)
    return people


def _text_file(name):
    upload = SimpleUploadedFile(name, b"grown attachment", content_type="text/plain")
    return upload, uploads.inspect(upload)


def _unit(community, n):
    people = _people(community, n)
    alice, bob = community.users["alice"], community.users["bob"]
    _spaces(community, n, people, alice, bob)
    _events(community, n, people, alice)
    # Conversations: a new one with alice, and more messages in alice and bob's.
    direct.start_conversation(sender=people[0], recipients=[alice], body=f"Bonjour {n}")
    for k in range(3):
        direct.send_message(
            sender=bob if k % 2 else alice,
            conversation=community.objects["conversation"],
            body=f"Message grandi {n}-{k}",
        )


def _spaces(community, n, people, alice, bob):
    # A new space alice owns and bob belongs to (the spaces list).
    space = Space.objects.create(
        name=f"Espace grandi {n}", slug=f"espace-grandi-{n}", created_by=alice
    )
    space.interests.set(INTERESTS[:2])
    Membership.objects.create(space=space, user=alice, role="owner", joined_at=timezone.now())
    Membership.objects.create(space=space, user=bob, joined_at=timezone.now())
    for key in ("open", "private", "secret"):
        space = community.spaces[key]
        writers = people if key != "secret" else [alice]
        thread = Thread.objects.create(
            space=space,
            author=writers[0],
            title=f"Fil grandi {n} ({key})",
            body=f"Corps {n}",
            body_html=f"<p>Corps {n}</p>",
        )
        main = community.threads[key]
        for k, writer in enumerate(writers):
            access = access_to(writer, space)
            handle = alice.profile.handle
            reply = space_services.reply_to_thread(
                access=access,
                thread=main,
                body=f"Réponse grandie {n}-{k} @{handle}",
                files=[_text_file(f"grandi-{n}-{k}.txt")] if k == 0 else (),
            )
            space_services.toggle_reaction(user=alice, post=reply, emoji="👍")
            space_services.reply_to_thread(access=access, thread=thread, body=f"Suite {n}-{k}")
            chat.post_message(access=access, body=f"Chat grandi {n}-{k}")
            if key != "secret" and k == 1:
                moderation.report(access=access, item=reply, reason="spam")
    # A question with an accepted answer (the knowledge base).
    open_space = community.spaces["open"]
    question = Thread.objects.create(
        space=open_space,
        author=alice,
        title=f"Question grandie {n}",
        body=f"Comment faire {n} ?",
        body_html=f"<p>Comment faire {n} ?</p>",
        kind=Thread.Kind.QUESTION,
    )
    answer = space_services.reply_to_thread(
        access=access_to(people[1], open_space), thread=question, body=f"Ainsi {n}."
    )
    space_services.accept_answer(by=alice, thread=question, reply=answer)


def _events(community, n, people, alice):
    staff = community.users["staff"]
    soon = timezone.now() + timedelta(days=7 + n)
    # New events alice goes to: the members', a space's, and a past one.
    for audience, extra in (
        ("members", {}),
        ("space", {"space": community.spaces["private"]}),
        ("public", {}),
    ):
        event = EventFactory(
            title=f"Événement grandi {n} {audience}",
            slug=f"evenement-grandi-{n}-{audience}",
            starts_at=soon,
            audience=audience,
            created_by=staff,
            interests=INTERESTS[:2],
            **extra,
        )
        event_services.register(event=event, user=alice)
        for person in people[:2]:
            event_services.register(event=event, user=person)
    past = EventFactory(
        title=f"Événement passé {n}",
        slug=f"evenement-passe-{n}",
        starts_at=timezone.now() - timedelta(days=30 + n),
        created_by=staff,
    )
    for person in [alice, *people]:
        registration = past.registrations.create(user=person, status="confirmed")
        Feedback.objects.create(registration=registration, rating=4, comment=f"Bien {n}")
    for key in ("members", "secret", "draft", "public", "online", "tier", "private"):
        event = community.events[key]
        if key in ("draft", "secret", "tier", "private"):
            continue
        for person in people:
            registration = event_services.register(event=event, user=person, is_listed=True)
            Feedback.objects.create(registration=registration, rating=5, comment=f"Merci {n}")
    event = community.events["members"]
    table = workshop_services.add_table(event=event, theme=f"Table grandie {n}", by=staff)
    workshop_services.choose_table(table=table, user=people[0])
    workshop_services.choose_table(table=community.tables["members"], user=people[1])
    question = live_services.ask_question(event=event, user=people[2], body=f"Question {n} ?")
    live_services.upvote(question=question, user=alice)
    poll = live_services.create_poll(
        event=event, question=f"Sondage {n} ?", choices=["Oui", "Non"], by=staff
    )
    live_services.open_poll(poll=poll, by=staff)
    for person in people:
        live_services.vote(poll=poll, choice=poll.choices.first(), user=person)
    slots = meeting_services.meeting_slots(event)
    meeting_services.request_meeting(
        event=event, requester=people[0], invitee=alice, starts_at=slots[n][0]
    )
    meeting_services.request_meeting(
        event=event, requester=alice, invitee=people[1], starts_at=slots[n][0]
    )
