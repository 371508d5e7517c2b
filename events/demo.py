"""Demo events in French and English: some past with their attendance, most upcoming.

``seed_demo_events()`` is idempotent: an event is keyed on its address, and its questions
and registrations are added only when the event is new. Times are local times in
Québec, relative to the day the demo is seeded, so the calendar always looks alive.
Registrations go through events.services, as a member's would.
"""

import random
import zoneinfo
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from events import services
from events.models import DEFAULT_TIME_ZONE, Event, Question, Registration
from events.services import series
from members.demo import MEMBER_EMAIL, PARTNER_ORGANIZATIONS, STAFF_EMAIL
from members.models import Membership as TierMembership
from members.models import MembershipTier, Profile, User
from spaces.models import Membership, Space

SEED = 2028
ZONE = zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)

QUEBEC_FOOD = {
    "venue": "Centre communautaire Lucien-Borne",
    "address": "100, chemin Sainte-Foy, Québec (Québec) G1R 1T2",
}
MONTREAL_HOUSING = {
    "venue": "Maison du développement durable",
    "address": "50, rue Sainte-Catherine Ouest, Montréal (Québec) H2X 3V4",
}

EVENTS = [
    {
        "slug": "assemblee-regionale-securite-alimentaire-capitale-nationale",
        "title": "Assemblée régionale en sécurité alimentaire — Capitale-Nationale",
        "language": "fr",
        "format": Event.Format.IN_PERSON,
        **QUEBEC_FOOD,
        "day": -24,
        "start": time(9, 0),
        "hours": 6.5,
        "capacity": 80,
        "interests": ["Sécurité alimentaire", "Agriculture urbaine", "Lutte contre la pauvreté"],
        "description": (
            "Une journée pour faire le point sur l'aide alimentaire dans la région de "
            "Québec.\n\n"
            "## Au programme\n\n"
            "- **9 h** — Portrait de la demande : ce que nous disent les comptoirs alimentaires\n"
            "- **10 h 30** — Ateliers : approvisionnement local, cuisines collectives, "
            "transport des denrées\n"
            "- **13 h** — Dîner préparé par une entreprise d'insertion\n"
            "- **14 h** — Plénière et priorités pour l'hiver\n\n"
            "Le dîner est offert. Stationnement gratuit derrière le centre."
        ),
        "registrations": 28,
        "attendance": 0.8,
    },
    {
        "slug": "webinar-grant-writing-funders-remember",
        "title": "Webinar: Grant writing that funders remember",
        "language": "en",
        "format": Event.Format.ONLINE,
        "online_url": "https://meet.jit.si/maillage-grant-writing",
        "day": -10,
        "start": time(12, 0),
        "hours": 1.25,
        "interests": ["Philanthropie", "Gouvernance des OBNL", "Économie sociale"],
        "description": (
            "A lunchtime webinar with two program officers from Québec foundations.\n\n"
            "We will look at **three real applications** (shared with permission) and "
            "discuss:\n\n"
            "1. telling the story of your impact in one page;\n"
            "2. budgets that reviewers can read at a glance;\n"
            "3. what to do after a refusal.\n\n"
            "_Questions in French are welcome; answers will be given in both languages._"
        ),
        "registrations": 34,
        "attendance": 0.65,
    },
    {
        "slug": "atelier-role-conseil-administration-obnl",
        "title": "Atelier : le rôle du conseil d'administration dans un OBNL",
        "language": "fr",
        "format": Event.Format.HYBRID,
        "venue": "Centre St-Pierre",
        "address": "1212, rue Panet, Montréal (Québec) H2L 2Y7",
        "online_url": "https://meet.jit.si/maillage-atelier-ca",
        "day": -45,
        "start": time(18, 30),
        "hours": 2.5,
        "capacity": 30,
        "interests": ["Gouvernance des OBNL", "Économie sociale", "Bénévolat"],
        "description": (
            "Administratrices et administrateurs, directions générales : un atelier pour "
            "clarifier **qui décide quoi**.\n\n"
            "- les responsabilités légales du conseil ;\n"
            "- la relation entre le conseil et la direction ;\n"
            "- préparer une assemblée générale sans stress.\n\n"
            "Animé par une avocate spécialisée en droit des OBNL. "
            "Sur place ou en ligne, au choix."
        ),
        "registrations": 22,
        "attendance": 0.75,
    },
    {
        "slug": "forum-ouvert-se-loger-dignement-a-montreal",
        "title": "Forum ouvert : se loger dignement à Montréal",
        "language": "fr",
        "format": Event.Format.IN_PERSON,
        **MONTREAL_HOUSING,
        "audience": Event.Audience.PUBLIC,
        "day": 3,
        "start": time(18, 30),
        "hours": 2.5,
        "capacity": 120,
        "max_guests": 2,
        "interests": ["Logement social", "Droits des locataires", "Mobilisation citoyenne"],
        "description": (
            "Locataires, comités logement, coopératives et élu·es : une soirée ouverte à "
            "toutes et à tous pour parler de la crise du logement **et des solutions qui "
            "marchent déjà** dans nos quartiers.\n\n"
            "## Déroulement\n\n"
            "1. Trois témoignages de 5 minutes\n"
            "2. Tables de discussion (vous choisissez votre sujet)\n"
            "3. Mise en commun et suite à donner\n\n"
            "Entrée libre, inscription souhaitée. Vous pouvez venir avec deux personnes. "
            "Le lieu est accessible en fauteuil roulant; interprétation LSQ sur demande."
        ),
        "questions": [
            {
                "label": "Vous participez à titre de…",
                "kind": Question.Kind.CHOICE,
                "choices": [
                    "Locataire",
                    "Intervenant·e d'un organisme",
                    "Élu·e ou personnel municipal",
                    "Autre",
                ],
                "required": True,
            },
            {
                "label": "Avez-vous des besoins d'accessibilité ou d'interprétation ?",
                "kind": Question.Kind.TEXT,
                "answers": ["Interprétation LSQ, s'il vous plaît.", "Place près de la sortie."],
            },
        ],
        "registrations": 30,
        "member": "registered",
    },
    {
        "slug": "visite-jardins-toit-palais-des-congres",
        "title": "Visite guidée : les jardins sur le toit du Palais des congrès",
        "language": "fr",
        "format": Event.Format.IN_PERSON,
        "venue": "Palais des congrès de Montréal",
        "address": "1001, place Jean-Paul-Riopelle, Montréal (Québec) H2Z 1H5",
        "day": 6,
        "start": time(10, 0),
        "hours": 1.5,
        "capacity": 12,
        "interests": ["Agriculture urbaine", "Environnement", "Sécurité alimentaire"],
        "description": (
            "Une visite en petit groupe des jardins aménagés sur le toit du Palais des "
            "congrès : potagers, ruches et bacs de culture pour les banques alimentaires.\n\n"
            "**Places limitées à 12 personnes**, sans accompagnateur. Si vous ne pouvez plus "
            "venir, annulez votre inscription : la place ira à la personne suivante sur la "
            "liste d'attente.\n\n"
            "Rendez-vous à l'accueil, entrée Viger. Prévoyez des vêtements chauds."
        ),
        "registrations": 12,
        "waitlist": 3,
        "member": "waitlisted",
    },
    {
        "slug": "info-session-welcoming-newcomer-families-in-winter",
        "title": "Info session: Welcoming newcomer families in winter",
        "language": "en",
        "format": Event.Format.ONLINE,
        "online_url": "https://meet.jit.si/maillage-newcomers-winter",
        "day": 9,
        "start": time(12, 0),
        "hours": 1,
        "interests": ["Inclusion des personnes immigrantes", "Francisation", "Littératie"],
        "description": (
            "Families arriving in December face the cold, the paperwork and the first "
            "heating bill all at once. Three settlement workers share what helps:\n\n"
            "- a **winter welcome kit** that families actually use;\n"
            "- free activities that build belonging in the first month;\n"
            "- getting children into French classes quickly.\n\n"
            "The link is sent to registered participants."
        ),
        "questions": [
            {
                "label": "What would you like us to cover?",
                "kind": Question.Kind.TEXT,
                "answers": [
                    "Housing search for large families.",
                    "How to find winter clothes donations.",
                    "Daycare waiting lists.",
                ],
            },
        ],
        "registrations": 20,
    },
    {
        "slug": "rencontre-espace-securite-alimentaire-saison-des-paniers",
        "title": "Rencontre de l'espace Sécurité alimentaire : préparer la saison des paniers",
        "language": "fr",
        "format": Event.Format.HYBRID,
        "venue": "Maison de la coopération et de l'économie solidaire de Québec",
        "address": "155, boulevard Charest Est, Québec (Québec) G1K 3G6",
        "online_url": "https://meet.jit.si/maillage-securite-alimentaire",
        "audience": Event.Audience.SPACE,
        "space": "securite-alimentaire",
        "day": 13,
        "start": time(13, 30),
        "hours": 2.5,
        "capacity": 40,
        "max_guests": 1,
        "interests": ["Sécurité alimentaire", "Bénévolat", "Lutte contre la pauvreté"],
        "description": (
            "La rencontre trimestrielle des membres de l'espace *Sécurité alimentaire*.\n\n"
            "- bilan de la collecte d'automne ;\n"
            "- partage des surplus entre organismes pendant les Fêtes ;\n"
            "- recrutement de bénévoles pour les paniers de Noël.\n\n"
            "Sur place ou en ligne : 40 places en tout, et une personne de votre équipe "
            "peut vous accompagner."
        ),
        "questions": [
            {
                "label": "Vous serez…",
                "kind": Question.Kind.CHOICE,
                "choices": ["Sur place", "En ligne"],
                "required": True,
            },
        ],
        "registrations": 16,
        "member": "registered",
    },
    {
        "slug": "assemblee-generale-annuelle-reseau-maillage",
        "title": "Assemblée générale annuelle du réseau Maillage",
        "language": "fr",
        "format": Event.Format.HYBRID,
        "venue": "Complexe Méduse",
        "address": "541, rue De Saint-Vallier Est, Québec (Québec) G1K 3P9",
        "online_url": "https://meet.jit.si/maillage-aga",
        "day": 34,
        "start": time(9, 0),
        "hours": 3.5,
        "closes_before": 3,
        "interests": ["Gouvernance des OBNL", "Mobilisation citoyenne", "Économie sociale"],
        "description": (
            "Chaque organisme membre a une voix : venez adopter le bilan de l'année, les "
            "orientations et élire le conseil d'administration.\n\n"
            "## Ordre du jour\n\n"
            "1. Ouverture et adoption de l'ordre du jour\n"
            "2. Rapport d'activités et états financiers\n"
            "3. Orientations pour l'année qui vient\n"
            "4. Élections au conseil d'administration\n\n"
            "Les documents seront déposés dans la bibliothèque une semaine avant. "
            "Inscription jusqu'à trois jours avant l'assemblée."
        ),
        "questions": [
            {
                "label": "Vous participerez…",
                "kind": Question.Kind.CHOICE,
                "choices": ["En personne", "En ligne"],
                "required": True,
            },
            {
                "label": "Une question pour le conseil d'administration ?",
                "kind": Question.Kind.TEXT,
                "answers": [
                    "Où en est le projet de plateforme régionale ?",
                    "Prévoyez-vous une hausse de la cotisation ?",
                ],
            },
        ],
        "registrations": 40,
        "cancellations": 2,
    },
    {
        "slug": "forum-organismes-membres-financement-a-la-mission",
        "title": "Forum des organismes membres : le financement à la mission",
        "language": "fr",
        "format": Event.Format.HYBRID,
        **MONTREAL_HOUSING,
        "online_url": "https://meet.jit.si/maillage-forum-organismes",
        "day": 16,
        "start": time(13, 30),
        "hours": 3,
        "capacity": 60,
        "audience": Event.Audience.TIERS,
        "tiers": ["Organisme membre"],
        "interests": ["Gouvernance des OBNL", "Philanthropie"],
        "description": (
            "Réservé aux organismes membres du réseau : un après-midi pour préparer ensemble "
            "nos représentations sur le financement à la mission.\n\n"
            "- Portrait des programmes actuels\n"
            "- Témoignages de trois directions générales\n"
            "- Position commune à porter auprès des bailleurs"
        ),
        "registrations": 14,
        "member": "registered",
    },
    {
        "slug": "newcomers-coffee-meet-the-network",
        "title": "Newcomers' coffee: meet the network",
        "language": "en",
        "format": Event.Format.ONLINE,
        "online_url": "https://meet.jit.si/maillage-newcomers-coffee",
        "day": 6,
        "start": time(12, 0),
        "hours": 1,
        "capacity": 25,
        "interests": ["Bénévolat", "Mobilisation citoyenne"],
        "description": (
            "Joined recently? Every other week, half an hour to meet other members and "
            "half an hour of questions to the team. Bring your coffee."
        ),
        "registrations": 8,
        "repeat": ("biweekly", 3),
    },
]


def seed_demo_events(*, log=print):
    """Create the demo events. Idempotent: events that exist are left as they are."""
    rng = random.Random(SEED)
    existing = set(Event.objects.values_list("slug", flat=True))
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        log("Demo events skipped: seed the demo members first.")
        return 0
    demo_member = User.objects.filter(email=MEMBER_EMAIL).first()
    now = timezone.now()
    added = 0
    with transaction.atomic():
        for definition in EVENTS:
            if definition["slug"] in existing:
                continue
            event = _create_event(definition, staff=staff, now=now)
            _register_people(event, definition, rng=rng, staff=staff, demo_member=demo_member)
            if "repeat" in definition:
                frequency, count = definition["repeat"]
                series.repeat_event(event=event, frequency=frequency, count=count, by=staff)
            added += 1
    log(f"Demo events: {added} added, {len(EVENTS) - added} already there.")
    return added


def local_moment(now, *, days, at):
    """The aware moment `days` from `now`'s day, at a wall-clock time in Québec."""
    day = now.astimezone(ZONE).date() + timedelta(days=days)
    return datetime.combine(day, at, tzinfo=ZONE)


def _create_event(definition, *, staff, now):
    starts_at = local_moment(now, days=definition["day"], at=definition["start"])
    space = None
    audience = definition.get("audience", Event.Audience.MEMBERS)
    if audience == Event.Audience.SPACE:
        space = Space.objects.filter(slug=definition["space"]).first()
        if space is None:
            audience = Event.Audience.MEMBERS
    tiers = list(MembershipTier.objects.filter(name__in=definition.get("tiers", [])))
    if audience == Event.Audience.TIERS and not tiers:
        audience = Event.Audience.MEMBERS
    closes_before = definition.get("closes_before")
    event = Event(
        slug=definition["slug"],
        title=definition["title"],
        description=definition["description"],
        language=definition["language"],
        format=definition["format"],
        venue=definition.get("venue", ""),
        address=definition.get("address", ""),
        online_url=definition.get("online_url", ""),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=definition["hours"]),
        capacity=definition.get("capacity"),
        max_guests=definition.get("max_guests", 0),
        registration_closes_at=(
            starts_at - timedelta(days=closes_before) if closes_before else None
        ),
        audience=audience,
        space=space,
        created_by=staff,
    )
    event.full_clean()
    event.save()
    event.interests.set(definition["interests"])
    event.tiers.set(tiers)
    Question.objects.bulk_create(
        Question(
            event=event,
            label=question["label"],
            kind=question["kind"],
            choices="\n".join(question.get("choices", [])),
            required=question.get("required", False),
            position=position,
        )
        for position, question in enumerate(definition.get("questions", []))
    )
    return event


def _register_people(event, definition, *, rng, staff, demo_member):
    """Registrations through the services; past events also get their check-ins."""
    exclude = {staff.pk} | ({demo_member.pk} if demo_member else set())
    count, waitlist = definition["registrations"], definition.get("waitlist", 0)
    member = definition.get("member") if demo_member else None
    users = _audience(event, definition, rng=rng, exclude=exclude)
    users = users[: count + waitlist - (member == "waitlisted")]
    if member == "waitlisted":
        users.insert(count + 1, demo_member)  # second in line
    # Registered over the three weeks before the event (or, upcoming, before today).
    latest = min(event.starts_at, timezone.now()) - timedelta(hours=2)
    moments = sorted(latest - timedelta(minutes=rng.randint(0, 60 * 24 * 21)) for _user in users)
    questions = list(zip(event.questions.all(), definition.get("questions", []), strict=True))
    registrations = [
        _register(event, user, questions, rng=rng, now=moment)
        for user, moment in zip(users, moments, strict=True)
    ]
    if member == "registered":
        guests = min(event.max_guests, 1)
        registrations.append(
            _register(event, demo_member, questions, rng=rng, now=latest, guests=guests)
        )
    for registration in registrations[: definition.get("cancellations", 0)]:
        services.cancel(registration=registration, now=latest)
    if event.is_past():
        for registration in registrations:
            if registration.is_confirmed and rng.random() < definition["attendance"]:
                arrived = event.starts_at + timedelta(minutes=rng.randint(-20, 25))
                services.check_in(registration=registration, by=staff, now=arrived)


def _register(event, user, questions, *, rng, now, guests=None):
    """One member registers at `now`, answering the choice questions and some free ones."""
    if guests is None:
        guests = min(rng.choice([0, 0, 0, 1, 2]), event.max_guests)
    answers = {}
    for question, definition in questions:
        if question.kind == Question.Kind.CHOICE:
            answer = rng.choice(question.choice_list())
        elif rng.random() < 0.3:
            answer = rng.choice(definition["answers"])
        else:
            continue
        answers[str(question.pk)] = {"question": question.label, "answer": answer}
    registration = services.register(
        event=event, user=user, guests=guests, answers=answers, now=now
    )
    # The registration happened at `now`, not when the demo was seeded.
    Registration.objects.filter(pk=registration.pk).update(created_at=now)
    return registration


def _audience(event, definition, *, rng, exclude):
    """Members who would come: the space's members, or those who share the interests
    (English speakers for an English event), in a fixed random order."""
    exclude = exclude | set(
        User.objects.filter(
            email__in=[partner["email"] for partner in PARTNER_ORGANIZATIONS]
        ).values_list("pk", flat=True)
    )
    profiles = Profile.objects.filter(user__is_active=True).exclude(user_id__in=exclude)
    if event.audience == Event.Audience.SPACE:
        members = Membership.objects.filter(space=event.space, state=Membership.State.ACTIVE)
        profiles = profiles.filter(user_id__in=members.values("user_id"))
    elif event.audience == Event.Audience.TIERS:
        members = TierMembership.objects.active().filter(tier__in=event.tiers.all())
        profiles = profiles.filter(user_id__in=members.values("user_id"))
    else:
        profiles = profiles.filter(interests__name__in=definition["interests"]).distinct()
    users = [
        profile.user
        for profile in profiles.select_related("user").order_by("pk")
        if event.language == "fr" or "en" in profile.languages
    ]
    rng.shuffle(users)
    return users
