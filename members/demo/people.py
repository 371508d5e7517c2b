"""The demo's people: the same list every time, drawn with a fixed random seed.

A demo account is known by its email, and the emails come from the random
draws: the order of the draws in ``_random_member`` and the size of every list
drawn from are what keep them the same. Change those and the next run on an
existing database adds a second community beside the first.
tests/members/test_seed_demo.py pins the emails.
"""

import random
import unicodedata
from dataclasses import dataclass

from django.utils.text import slugify

from members.demo.bios import compose_bio
from members.demo.names import (
    ALLOPHONE_NAMES,
    ANGLOPHONE_FIRST,
    ANGLOPHONE_LAST,
    FEMININE_FIRST_NAMES,
    FRANCOPHONE_FIRST,
    FRANCOPHONE_LAST,
    PRONOUNS,
)
from members.demo.organizations import (
    ENGLISH_ORGANIZATIONS,
    ORGANIZATION_KINDS,
    PARTNER_ORGANIZATIONS,
    PLACES,
    QUEBEC_WIDE_ORGANIZATIONS,
    REGION_WEIGHTS,
    ROLES_EN,
    ROLES_FR,
)
from members.demo.vocabulary import CIRCLES, INTERESTS, SKILLS
from members.models import Profile

MEMBER_COUNT = 200
SEED = 2026
# The range of the draw that picks a member's organization: fixed, like every draw.
ORGANIZATION_PICKS = 30
STAFF_EMAIL = "staff@maillage.example"
SECOND_STAFF_EMAIL = "animation@maillage.example"
MEMBER_EMAIL = "membre@maillage.example"


@dataclass
class Person:
    email: str
    name: str
    language: str
    spoken: list
    organization: str = ""
    role: str = ""
    region: str = ""
    pronouns: str = ""
    bio: str = ""
    website: str = ""
    visibility: str = Profile.Visibility.MEMBERS
    interests: tuple = ()
    skills_offered: tuple = ()
    skills_sought: tuple = ()
    avatar: bool = False
    is_staff: bool = False


def demo_people():
    """The same list of people every time (a fixed random seed)."""
    rng = random.Random(SEED)
    people = [
        Person(
            email=STAFF_EMAIL,
            name="Équipe Maillage",
            language="fr",
            spoken=["fr", "en"],
            organization="Réseau Maillage",
            role="Équipe de coordination",
            region="06",
            bio="L'équipe qui anime le réseau. Écrivez-nous pour toute question.",
            interests=("Gouvernance des OBNL", "Communication numérique", "Bénévolat"),
            is_staff=True,
            visibility=Profile.Visibility.PUBLIC,
        ),
        Person(
            email=SECOND_STAFF_EMAIL,
            name="Karine Béliveau",
            language="fr",
            spoken=["fr", "en", "es"],
            organization="Réseau Maillage",
            role="Responsable de l'animation",
            region="03",
            pronouns="elle",
            bio="J'anime les rencontres du réseau et les communautés de pratique.",
            interests=("Éducation populaire", "Mobilisation citoyenne", "Bénévolat"),
            skills_offered=("Facilitation", "Animation d'ateliers"),
            is_staff=True,
        ),
        Person(
            email=MEMBER_EMAIL,
            name="Julie Fortin",
            language="fr",
            spoken=["fr", "en"],
            organization="Cuisines collectives du Plateau",
            role="Coordonnatrice",
            region="06",
            pronouns="elle",
            bio=(
                "Je coordonne les cuisines collectives du Plateau depuis six ans. "
                "Je cherche des organismes avec qui partager nos recettes de financement "
                "et nos bons coups en agriculture urbaine."
            ),
            website="https://cuisines-plateau.example",
            interests=(
                "Sécurité alimentaire",
                "Agriculture urbaine",
                "Bénévolat",
                "Économie sociale",
            ),
            skills_offered=("Gestion de bénévoles", "Animation d'ateliers"),
            skills_sought=("Demandes de subvention", "Communication numérique"),
            avatar=True,
        ),
    ]
    for partner in PARTNER_ORGANIZATIONS:
        people.append(
            Person(
                email=partner["email"],
                name=partner["name"],
                language=partner.get("language", "fr"),
                spoken=["fr", "en"],
                organization=partner["organization"],
                role=partner["role"],
                region="06",
                interests=tuple(partner["interests"]),
                skills_offered=tuple(partner["skills"]),
                visibility=Profile.Visibility.PUBLIC,
            )
        )
    used_emails = {person.email for person in people}
    while len(people) < MEMBER_COUNT + 3 + len(PARTNER_ORGANIZATIONS):
        person = _random_member(rng)
        if person.email not in used_emails:
            used_emails.add(person.email)
            people.append(person)
    return people


def _random_member(rng):
    kind = rng.choices(["fr", "en", "allo"], weights=[70, 22, 8])[0]
    if kind == "fr":
        first, last = rng.choice(FRANCOPHONE_FIRST), rng.choice(FRANCOPHONE_LAST)
        language, spoken = "fr", ["fr"] + (["en"] if rng.random() < 0.6 else [])
    elif kind == "en":
        first, last = rng.choice(ANGLOPHONE_FIRST), rng.choice(ANGLOPHONE_LAST)
        language, spoken = "en", ["en"] + (["fr"] if rng.random() < 0.7 else [])
    else:
        first, last, spoken = rng.choice(ALLOPHONE_NAMES)
        language = "en" if spoken[0] == "en" else "fr"
    circle = rng.choice(CIRCLES)
    interests = rng.sample(circle, rng.randint(2, 3))
    interests += rng.sample([i for i in INTERESTS if i not in interests], rng.randint(1, 4))
    offered = rng.sample(SKILLS, rng.randint(1, 4))
    sought = rng.sample([s for s in SKILLS if s not in offered], rng.randint(0, 3))
    organization_pick = rng.randrange(ORGANIZATION_PICKS)
    gender = "x" if rng.random() < 0.05 else ("f" if first in FEMININE_FIRST_NAMES else "m")
    shows_pronouns = gender == "x" or rng.random() < 0.3
    visibility = rng.choices(
        [Profile.Visibility.MEMBERS, Profile.Visibility.PUBLIC, Profile.Visibility.HIDDEN],
        weights=[75, 20, 5],
    )[0]
    slug = _ascii(f"{first}.{last}").lower().replace(" ", "").replace("'", "")
    email = f"{slug}{rng.randint(1, 99)}@exemple.org"
    role = rng.choice(ROLES_EN if language == "en" else ROLES_FR[gender])
    region = rng.choices(list(REGION_WEIGHTS), weights=list(REGION_WEIGHTS.values()))[0]
    bio = compose_bio(
        rng, language=language, spoken=spoken, interest=interests[0], skill=offered[0]
    )
    organization = _organization(
        circle=circle, region=region, language=language, pick=organization_pick
    )
    has_website = rng.random() < 0.25
    return Person(
        email=email,
        name=f"{first} {last}",
        language=language,
        spoken=spoken,
        organization=organization,
        role=role,
        region=region,
        pronouns=PRONOUNS[language][gender] if shows_pronouns else "",
        bio=bio,
        website=_website(organization) if has_website else "",
        visibility=visibility,
        interests=tuple(interests),
        skills_offered=tuple(offered),
        skills_sought=tuple(sought),
        avatar=rng.random() < 0.4,
    )


def _organization(*, circle, region, language, pick):
    """An organization about one of the circle's interests, in the member's region.

    Anglophones work for an English-speaking organization when their region has
    one in their circle; Québec-wide organizations are open to everyone.
    """
    english = [name for name, theme in ENGLISH_ORGANIZATIONS.get(region, []) if theme in circle]
    if language == "en" and english:
        return english[pick % len(english)]
    local = [
        kind.format(place=place)
        for place in PLACES[region]
        for theme in circle
        for kind in ORGANIZATION_KINDS.get(theme, [])
    ]
    quebec_wide = [name for name, theme in QUEBEC_WIDE_ORGANIZATIONS if theme in circle]
    candidates = local + quebec_wide
    return candidates[pick % len(candidates)]


def _website(organization):
    """A made-up address from the organization's first words: https://centre-de-benevolat.example."""
    words = slugify(_ascii(organization)).split("-")
    while len(words) > 2 and len("-".join(words)) > 24:
        words.pop()
    return f"https://{'-'.join(words)}.example"


def _ascii(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
