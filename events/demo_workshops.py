"""Demo workshop tables: the past workshop on boards of directors and the past grant-writing
webinar keep their tables' notes (a few versions each), the upcoming housing forum has its
discussion tables ready, people already seated, no notes yet.

``seed_demo_workshops()`` is idempotent: an event that already has tables is left as it is.
Seats and notes go through events.services.workshops, at moments around each event, as
the attendees' own would have.
"""

from datetime import timedelta

from django.db import transaction

from events.models import Event, TableNotesRevision, TableSeat
from events.services import workshops as services
from members.demo import MEMBER_EMAIL, STAFF_EMAIL
from members.models import User

ATELIER_NOTES_LEGAL = [
    (
        "## Responsabilités légales\n\n"
        "- Le conseil répond de la **saine gestion** de l'organisme, pas de sa gestion "
        "quotidienne.\n"
        "- Devoirs de prudence, de diligence, d'honnêteté et de loyauté.\n"
    ),
    (
        "## Responsabilités légales\n\n"
        "- Le conseil répond de la **saine gestion** de l'organisme, pas de sa gestion "
        "quotidienne.\n"
        "- Devoirs de prudence, de diligence, d'honnêteté et de loyauté.\n"
        "- Déclarer ses conflits d'intérêts *avant* le point à l'ordre du jour, et le noter "
        "au procès-verbal.\n\n"
        "## Questions de la table\n\n"
        "1. Faut-il une assurance responsabilité pour les administratrices et "
        "administrateurs ? → Oui, fortement recommandé.\n"
        "2. Qui signe les chèques ? → Deux personnes désignées par résolution.\n"
    ),
    (
        "## Responsabilités légales\n\n"
        "- Le conseil répond de la **saine gestion** de l'organisme, pas de sa gestion "
        "quotidienne.\n"
        "- Devoirs de prudence, de diligence, d'honnêteté et de loyauté.\n"
        "- Déclarer ses conflits d'intérêts *avant* le point à l'ordre du jour, et le noter "
        "au procès-verbal.\n\n"
        "## Questions de la table\n\n"
        "1. Faut-il une assurance responsabilité pour les administratrices et "
        "administrateurs ? → Oui, fortement recommandé.\n"
        "2. Qui signe les chèques ? → Deux personnes désignées par résolution.\n\n"
        "## À faire\n\n"
        "- Relire nos règlements généraux d'ici la prochaine rencontre.\n"
        "- Partager le modèle de registre des conflits d'intérêts dans la bibliothèque.\n"
    ),
]

ATELIER_NOTES_DIRECTION = [
    (
        "## Conseil et direction\n\n"
        "Le conseil **gouverne**, la direction **gère**. Facile à dire…\n\n"
        "- Une seule employée relève du conseil : la direction générale.\n"
        "- L'évaluation annuelle de la direction se prépare avec elle, pas contre elle.\n"
    ),
    (
        "## Conseil et direction\n\n"
        "Le conseil **gouverne**, la direction **gère**. Facile à dire…\n\n"
        "- Une seule employée relève du conseil : la direction générale.\n"
        "- L'évaluation annuelle de la direction se prépare avec elle, pas contre elle.\n\n"
        "## Ce qui marche chez nous\n\n"
        "- Un tableau de bord d'une page, envoyé une semaine avant chaque séance.\n"
        "- Un huis clos de 10 minutes à la fin de chaque conseil, toujours, pour que ce ne "
        "soit jamais un signal d'alarme.\n"
    ),
]

ATELIER_NOTES_AGM = [
    (
        "## Préparer l'assemblée générale\n\n"
        "- Avis de convocation : vérifier le délai dans nos règlements (souvent 10 jours).\n"
        "- Envoyer les états financiers avec l'avis, pas le soir même.\n"
        "- Prévoir une présidence d'assemblée neutre.\n\n"
        "| Semaine | Tâche |\n"
        "| --- | --- |\n"
        "| -6 | Réserver la salle et la plateforme en ligne |\n"
        "| -4 | Adopter le rapport d'activités au conseil |\n"
        "| -2 | Envoyer l'avis de convocation |\n"
    ),
]

WEBINAR_NOTES_STORY = [
    (
        "## Your impact in one page\n\n"
        "- Start with **one person's story**, then the numbers.\n"
        "- Say what changed, not only what you did.\n"
    ),
    (
        "## Your impact in one page\n\n"
        "- Start with **one person's story**, then the numbers.\n"
        "- Say what changed, not only what you did.\n"
        "- Reuse the funder's own words from the call for proposals.\n\n"
        "## Resources shared in the room\n\n"
        "- A one-page template from a family foundation (in the library).\n"
        "- *Tip:* read your summary aloud; if you run out of breath, cut.\n"
    ),
]

WEBINAR_NOTES_BUDGET = [
    (
        "## Budgets reviewers can read\n\n"
        "1. One line per activity, the same names as in the narrative.\n"
        "2. Show in-kind contributions (volunteer hours count).\n"
        "3. Explain any line above 15% of the total in a short note.\n"
    ),
    (
        "## Budgets reviewers can read\n\n"
        "1. One line per activity, the same names as in the narrative.\n"
        "2. Show in-kind contributions (volunteer hours count).\n"
        "3. Explain any line above 15% of the total in a short note.\n\n"
        "## After a refusal\n\n"
        "- Always ask for the reviewers' comments: most program officers will call you.\n"
        "- Apply again next round if the fit is good; many grants are won the second time.\n"
    ),
]

PLANS = [
    {
        "slug": "atelier-role-conseil-administration-obnl",
        "tables": [
            {
                "theme": "Les responsabilités légales du conseil",
                "description": "Devoirs des administratrices et administrateurs, conflits "
                "d'intérêts, assurances.",
                "capacity": 8,
                "notes": ATELIER_NOTES_LEGAL,
            },
            {
                "theme": "La relation entre le conseil et la direction",
                "description": "Qui décide quoi, et comment évaluer la direction générale.",
                "capacity": 8,
                "notes": ATELIER_NOTES_DIRECTION,
            },
            {
                "theme": "Préparer une assemblée générale sans stress",
                "description": "Avis de convocation, documents, déroulement.",
                "capacity": 8,
                "notes": ATELIER_NOTES_AGM,
            },
        ],
    },
    {
        "slug": "webinar-grant-writing-funders-remember",
        "tables": [
            {
                "theme": "Breakout: telling your impact story in one page",
                "description": "With a program officer from a family foundation.",
                "capacity": 12,
                "notes": WEBINAR_NOTES_STORY,
            },
            {
                "theme": "Breakout: budgets and what to do after a refusal",
                "description": "Bring your last budget; we look at a few together.",
                "capacity": 12,
                "notes": WEBINAR_NOTES_BUDGET,
            },
        ],
    },
    {
        "slug": "forum-ouvert-se-loger-dignement-a-montreal",
        "seated_share": 0.5,
        "tables": [
            {
                "theme": "Droits des locataires et hausses de loyer",
                "description": "Ce que dit la loi, comment contester une hausse, le rôle "
                "des comités logement.",
                "capacity": 10,
            },
            {
                "theme": "Démarrer une coopérative d'habitation",
                "description": "Témoignages de coopératives de Rosemont et de Verdun.",
                "capacity": 10,
            },
            {
                "theme": "Logement social et itinérance",
                "description": "Des logements avec soutien communautaire : ce qui marche.",
                "capacity": 10,
            },
            {
                "theme": "Un logement accessible pour toutes et tous",
                "description": "Accessibilité universelle, adaptation de domicile, "
                "programmes d'aide.",
                "capacity": 8,
            },
        ],
    },
]


def seed_demo_workshops(*, log=print):
    """Add the demo tables to the demo events. Idempotent: events with tables are skipped."""
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        log("Demo workshop tables skipped: seed the demo members first.")
        return 0
    added = 0
    with transaction.atomic():
        for plan in PLANS:
            event = Event.objects.filter(slug=plan["slug"]).first()
            if event is None or event.workshop_tables.exists():
                continue
            _seed_event(event, plan, staff=staff)
            added += 1
    log(f"Demo workshop tables: {added} events given tables, {len(PLANS) - added} skipped.")
    return added


def _seed_event(event, plan, *, staff):
    """Facilitators first among the attendees, then the others sit, a table at a time."""
    attendees = list(
        User.objects.filter(
            event_registrations__event=event, event_registrations__status="confirmed"
        )
        .exclude(email=MEMBER_EMAIL)  # the demo member chooses for themself
        .order_by("event_registrations__created_at", "pk")
    )
    facilitators, others = attendees[: len(plan["tables"])], attendees[len(plan["tables"]) :]
    others = others[: int(len(others) * plan.get("seated_share", 1))]
    before = event.starts_at - timedelta(days=1)
    tables = []
    for index, definition in enumerate(plan["tables"]):
        facilitator = facilitators[index] if index < len(facilitators) else None
        table = services.add_table(
            event=event,
            theme=definition["theme"],
            description=definition["description"],
            capacity=definition["capacity"],
            facilitator=facilitator,
            by=staff,
        )
        tables.append((table, definition))
    for number, user in enumerate(others):
        table, _definition = tables[number % len(tables)]
        if services.occupied(table.seats.all()).count() < table.capacity:
            services.choose_table(table=table, user=user, now=before)
    for table, definition in tables:
        _write_notes(event, table, definition.get("notes", []))


def _write_notes(event, table, versions):
    """Each version saved by the facilitator or one of the table's people, during the event
    and just after it."""
    seated = list(
        TableSeat.objects.filter(table=table).order_by("created_at", "pk").select_related("user")
    )
    writers = [table.facilitator] if table.facilitator else []
    writers += [seat.user for seat in seated[:2]]
    duration = event.ends_at - event.starts_at
    for version, notes in enumerate(versions):
        if not writers:
            return
        moment = event.starts_at + duration * (version + 1) / (len(versions) + 1)
        services.save_notes(
            table=table,
            user=writers[version % len(writers)],
            notes=notes,
            base_version=version,
            now=moment,
        )
        TableNotesRevision.objects.filter(table=table, version=version + 1).update(
            created_at=moment
        )
