"""Demo spaces in French and English, with discussions, answered questions and reactions.

``seed_demo_spaces()`` is idempotent: a space is keyed on its address, and its
members and discussions are added only when the space is new.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from common.markdown import render_markdown
from members.demo import MEMBER_EMAIL, STAFF_EMAIL
from members.models import Profile, User
from spaces.models import (
    ChatMessage,
    Membership,
    Reaction,
    Reply,
    Space,
    Thread,
    ThreadVisit,
)

SEED = 2027

SPACES = [
    {
        "slug": "securite-alimentaire",
        "name": "Sécurité alimentaire",
        "language": "fr",
        "visibility": "open",
        "interests": ["Sécurité alimentaire", "Agriculture urbaine", "Lutte contre la pauvreté"],
        "description": "Banques alimentaires, cuisines collectives, jardins : on partage nos "
        "pratiques pour que personne n'ait faim dans nos quartiers.",
        "threads": [
            {
                "title": "Comment conserver les dons de légumes frais plus longtemps ?",
                "kind": "question",
                "body": "On reçoit beaucoup de légumes des producteurs en août, mais on en perd "
                "une partie. Des **astuces** pour les conserver sans chambre froide ?",
                "replies": [
                    "On a acheté un déshydrateur usagé : les tomates séchées partent très vite.",
                    "Les cuisines collectives du quartier transforment nos surplus en soupes "
                    "congelées. On leur livre le mardi, elles cuisinent le mercredi.",
                    "Regardez le programme de récupération de Moisson : ils prêtent des bacs "
                    "réfrigérés pour l'été.",
                ],
                "accepted": 1,
            },
            {
                "title": "Bilan de la collecte des Fêtes",
                "kind": "discussion",
                "body": "Cette année, nous avons recueilli **12 tonnes** de denrées, un record. "
                "Merci à tous les organismes qui ont relayé l'appel !",
                "replies": [
                    "Bravo ! Chez nous, les dons en argent ont remplacé une partie des denrées.",
                    "Est-ce que vous partagez votre affiche ? On aimerait s'en inspirer.",
                ],
            },
            {
                "title": "Jardins communautaires : qui gère la liste d'attente ?",
                "kind": "question",
                "body": "Nos lots sont tous pris et la liste d'attente compte 80 noms. "
                "Comment faites-vous pour rester équitables ?",
                "replies": [
                    "Nous réservons 20 % des lots aux nouvelles familles chaque printemps.",
                    "Un tirage au sort public, annoncé d'avance, a réglé les tensions chez nous.",
                ],
                "accepted": 0,
            },
        ],
    },
    {
        "slug": "logement-et-droits-des-locataires",
        "name": "Logement et droits des locataires",
        "language": "fr",
        "visibility": "open",
        "interests": ["Logement social", "Droits des locataires", "Mobilisation citoyenne"],
        "description": "Comités logement, coopératives et OSBL d'habitation : veille, "
        "mobilisation et entraide autour du 1er juillet.",
        "threads": [
            {
                "title": "Préparer le 1er juillet : votre plan d'urgence ?",
                "kind": "discussion",
                "body": "Chaque année, des ménages se retrouvent sans logement. Voici notre "
                "plan :\n\n- ligne téléphonique dès mai\n- entente avec deux motels\n- "
                "entreposage gratuit des meubles",
                "replies": [
                    "On ajoute une clinique juridique le 15 juin, ça désamorce bien des conflits.",
                    "La municipalité finance l'entreposage chez nous, demandez-le !",
                ],
            },
            {
                "title": "Modèle de lettre pour contester une hausse de loyer",
                "kind": "question",
                "body": "Quelqu'un a-t-il un modèle à jour pour refuser une hausse ?",
                "replies": [
                    "Le Tribunal administratif du logement publie un formulaire officiel ; "
                    "on l'accompagne d'une lettre simple.",
                ],
                "accepted": 0,
            },
        ],
    },
    {
        "slug": "newcomers-inclusion",
        "name": "Newcomers & Inclusion",
        "language": "en",
        "visibility": "open",
        "interests": ["Inclusion des personnes immigrantes", "Francisation", "Littératie"],
        "description": "For organizations welcoming newcomers: settlement, French classes, "
        "employment and community belonging.",
        "threads": [
            {
                "title": "Evening French classes: what schedule works?",
                "kind": "question",
                "body": "Our learners work during the day. Has anyone tried *online* evening "
                "classes, and did people stay until the end?",
                "replies": [
                    "Hybrid worked best for us: online Tuesdays, in person Saturdays.",
                    "Childcare during classes doubled our retention.",
                ],
                "accepted": 1,
            },
            {
                "title": "Welcome kit for families arriving in winter",
                "kind": "discussion",
                "body": "We are putting together a winter welcome kit. What would you add?\n\n"
                "- boots and mittens\n- bus map\n- list of free activities",
                "replies": [
                    "A short guide to heating bills — it's always the first surprise.",
                    "Library cards! Ours are free and give access to language software.",
                    "Nous ajoutons un calendrier des fêtes québécoises, en français simple.",
                ],
            },
        ],
    },
    {
        "slug": "transition-ecologique",
        "name": "Transition écologique",
        "language": "fr",
        "visibility": "open",
        "interests": ["Environnement", "Transition énergétique", "Transport collectif"],
        "description": "Verdir nos organismes et nos quartiers : énergie, mobilité, "
        "réduction des déchets.",
        "threads": [
            {
                "title": "Vélos-cargos partagés entre organismes",
                "kind": "discussion",
                "body": "Trois organismes de Rosemont envisagent d'acheter ensemble deux "
                "vélos-cargos pour les livraisons. Des expériences à partager ?",
                "replies": [
                    "Prévoyez l'assurance dès le départ, c'est le nerf de la guerre.",
                    "Un calendrier de réservation partagé a suffi chez nous.",
                ],
            },
        ],
    },
    {
        "slug": "gouvernance-et-financement",
        "name": "Gouvernance et financement",
        "language": "fr",
        "visibility": "private",
        "interests": ["Gouvernance des OBNL", "Philanthropie", "Économie sociale"],
        "description": "Conseils d'administration, demandes de subvention, diversification "
        "des revenus. Espace privé : demandez à vous joindre.",
        "threads": [
            {
                "title": "Rapport d'impact : quels indicateurs gardez-vous ?",
                "kind": "question",
                "body": "Les bailleurs de fonds demandent de plus en plus d'indicateurs. "
                "Lesquels vous semblent vraiment utiles ?",
                "replies": [
                    "Nous suivons le nombre de personnes rejointes, les heures de bénévolat et "
                    "deux témoignages par trimestre. Simple, mais parlant.",
                    "Le taux de retour des participants est notre meilleur indicateur.",
                ],
                "accepted": 0,
            },
        ],
    },
    {
        "slug": "board-of-the-network",
        "name": "Network Board",
        "language": "en",
        "visibility": "secret",
        "interests": ["Gouvernance des OBNL"],
        "description": "The network's board: agendas, minutes and decisions. By invitation.",
        "threads": [
            {
                "title": "Agenda for the December meeting",
                "kind": "discussion",
                "body": "1. Budget 2027\n2. Partner renewals\n3. Spring assembly",
                "replies": ["I'd like to add a point on volunteer recognition."],
            },
        ],
    },
]

REACTIONS = [emoji for emoji, _label in Reaction.Emoji.choices]

CHAT = {
    "fr": [
        "Bonjour tout le monde !",
        "Quelqu'un va à la rencontre régionale jeudi ?",
        "Oui, j'y serai avec deux collègues.",
        "Super, on pourra parler du projet de jardin partagé.",
        "Je viens de publier le compte rendu dans les discussions.",
        "Merci, c'est très clair 👏",
        "Petit rappel : la date limite de la subvention est vendredi.",
        "Bonne fin de semaine à toutes et à tous !",
    ],
    "en": [
        "Hi everyone!",
        "Is anyone going to the regional meeting on Thursday?",
        "Yes, I'll be there with two colleagues.",
        "Great, we can talk about the shared garden project.",
        "I just posted the minutes in the discussions.",
        "Thanks, very clear 👏",
        "Reminder: the grant deadline is Friday.",
        "Have a good weekend, all!",
    ],
}


def seed_demo_spaces(*, log=print):
    """Create the demo spaces. Idempotent: spaces that exist are left as they are."""
    rng = random.Random(SEED)
    existing = set(Space.objects.values_list("slug", flat=True))
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    demo_member = User.objects.filter(email=MEMBER_EMAIL).first()
    if staff is None:
        log("Demo spaces skipped: seed the demo members first.")
        return 0
    added = 0
    with transaction.atomic():
        for definition in SPACES:
            if definition["slug"] in existing:
                continue
            _create_space(definition, rng=rng, staff=staff, demo_member=demo_member)
            added += 1
    log(f"Demo spaces: {added} added, {len(SPACES) - added} already there.")
    return added


def _create_space(definition, *, rng, staff, demo_member):
    now = timezone.now()
    space = Space.objects.create(
        slug=definition["slug"],
        name=definition["name"],
        language=definition["language"],
        visibility=definition["visibility"],
        description=definition["description"],
        created_by=staff,
        last_activity_at=now,
    )
    space.interests.set(definition["interests"])
    people = _people_for(definition, rng=rng, exclude={staff.pk})
    Membership.objects.create(space=space, user=staff, role="owner", joined_at=now)
    memberships = [
        Membership(
            space=space,
            user=user,
            role="moderator" if index == 0 else "member",
            joined_at=now - timedelta(days=rng.randint(5, 300)),
        )
        for index, user in enumerate(people)
    ]
    if (
        demo_member
        and demo_member not in people
        and definition["visibility"] == "open"
        and set(definition["interests"]) & set(demo_member.profile.interests.names())
    ):
        memberships.append(Membership(space=space, user=demo_member, joined_at=now))
    Membership.objects.bulk_create(memberships)
    writers = people or [staff]
    age = timedelta(days=len(definition["threads"]) * 4)
    for thread_definition in definition["threads"]:
        _create_thread(space, thread_definition, writers=writers, rng=rng, start=now - age)
        age -= timedelta(days=rng.randint(1, 4))
    _create_chat(space, definition["language"], writers=writers, rng=rng, now=now)
    return space


def _create_chat(space, language, *, writers, rng, now):
    messages = ChatMessage.objects.bulk_create(
        [ChatMessage(space=space, author=rng.choice(writers), body=body) for body in CHAT[language]]
    )
    moment = now - timedelta(hours=len(messages) * 3)
    for message in messages:
        moment += timedelta(minutes=rng.randint(5, 170))
        ChatMessage.objects.filter(pk=message.pk).update(created_at=moment)


def _people_for(definition, *, rng, exclude):
    """Members who share the space's interests, English speakers first for English spaces."""
    profiles = (
        Profile.objects.filter(interests__name__in=definition["interests"])
        .exclude(user_id__in=exclude)
        .exclude(visibility=Profile.Visibility.HIDDEN)
        .distinct()
        .select_related("user")
        .order_by("pk")
    )
    users = [
        profile.user
        for profile in profiles
        if definition["language"] == "fr" or "en" in profile.languages
    ]
    rng.shuffle(users)
    size = {"open": 40, "private": 15, "secret": 6}[definition["visibility"]]
    return users[:size]


def _create_thread(space, definition, *, writers, rng, start):
    author = rng.choice(writers)
    thread = Thread.objects.create(
        space=space,
        author=author,
        title=definition["title"],
        kind=definition["kind"],
        body=definition["body"],
        body_html=render_markdown(definition["body"]),
    )
    moment = start
    replies, moments = [], []
    for body in definition["replies"]:
        moment += timedelta(hours=rng.randint(2, 30))
        moments.append(moment)
        replies.append(
            Reply(
                thread=thread,
                author=rng.choice([w for w in writers if w != author] or writers),
                body=body,
                body_html=render_markdown(body),
            )
        )
    replies = Reply.objects.bulk_create(replies)
    for reply, written_at in zip(replies, moments, strict=True):
        Reply.objects.filter(pk=reply.pk).update(created_at=written_at)
    Reaction.objects.bulk_create(
        [
            Reaction(user=user, reply=reply, emoji=rng.choice(REACTIONS))
            for reply in replies
            for user in rng.sample(writers, min(len(writers), rng.randint(0, 4)))
        ],
        ignore_conflicts=True,
    )
    accepted = definition.get("accepted")
    Thread.objects.filter(pk=thread.pk).update(
        created_at=start,
        last_activity_at=moment,
        reply_count=len(replies),
        accepted_reply=replies[accepted] if accepted is not None else None,
        answered_at=moment if accepted is not None else None,
    )
    ThreadVisit.objects.create(user=author, thread=thread, seen_at=moment)
    return thread
