"""The demo's people: named staff, member and partner contacts, and two hundred members
drawn with a fixed random seed, with their profiles, interests, skills, avatars and
memberships.

A demo account is known by its email, and the emails come from the random draws: the
order of the draws in ``_random_member`` and the size of every list drawn from (in
demo/data/names.toml, organizations.toml, vocabulary.toml, bios.toml) are what keep
them the same. Change those and the next run on an existing database adds a second
community beside the first. tests/demo/test_seed_demo.py pins the emails.

``seed_demo_community()`` is idempotent: accounts are keyed on their email, and a
member's profile, tags and avatar are filled only when the account is new, so a second
run adds nothing and changes nothing a person edited since.
"""

import io
import random
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from common import images
from demo.data import load
from members.models import (
    Interest,
    Membership,
    MembershipTier,
    Profile,
    Skill,
    TaggedInterest,
    TaggedSkillOffered,
    TaggedSkillSought,
    User,
)

PEOPLE = load("people")
NAMES = load("names")
BIOS = load("bios")
ORGANIZATIONS = load("organizations")
VOCABULARY = load("vocabulary")

DEMO_PASSWORD = PEOPLE["password"]
STAFF_EMAIL = PEOPLE["staff"]["email"]
SECOND_STAFF_EMAIL = PEOPLE["second_staff"]["email"]
MEMBER_EMAIL = PEOPLE["member"]["email"]
PARTNER_EMAILS = [partner["email"] for partner in PEOPLE["partners"]]
# Only members who also speak French are told "Je suis aussi à l'aise en français".
FRENCH_TOO = BIOS["en"]["closings"][-1]

MEMBER_COUNT = 200
SEED = 2026
MEMBERSHIPS_SEED = 20261125
# The range of the draw that picks a member's organization: fixed, like every draw.
ORGANIZATION_PICKS = 30

SKIN_TONES = ["#f1d3b8", "#e0ac82", "#c68857", "#8d5a3b", "#5c3a24"]
HAIR_COLOURS = ["#2b1d14", "#5a3a22", "#a8712f", "#d9b26a", "#8c8c8c", "#111111"]
SHIRT_COLOURS = ["#f4f6f9", "#ffd166", "#06d6a0", "#ef476f", "#118ab2"]
AVATAR_COLOURS = ["#0b5c8a", "#17612f", "#a8430f", "#6b2d8a", "#7a4d00", "#1d5c5c", "#8a1c4a"]

_CONTRACTIONS = {
    ("à", "le"): "au",
    ("à", "les"): "aux",
    ("de", "le"): "du",
    ("de", "les"): "des",
}


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


def seed_demo_community(*, log=print):
    """Create the demo community and return how many accounts were added.

    Idempotent: accounts that exist are left as they are, missing interests
    and skills of the shared vocabulary are added, nothing else is touched.
    """
    people = demo_people()
    existing = set(
        User.objects.filter(email__in=[p.email for p in people]).values_list("email", flat=True)
    )
    new_people = [person for person in people if person.email not in existing]
    with transaction.atomic():
        interests = _vocabulary(Interest, VOCABULARY["interests"])
        skills = _vocabulary(Skill, VOCABULARY["skills"])
        if new_people:
            password = make_password(DEMO_PASSWORD)
            profiles = [_create_member(person, password=password) for person in new_people]
            EmailAddress.objects.bulk_create(
                EmailAddress(
                    user=profile.user, email=profile.user.email, verified=True, primary=True
                )
                for profile in profiles
            )
            _tag(profiles, new_people, interests=interests, skills=skills)
    seed_demo_memberships(log=log)
    log(
        f"Demo community: {len(new_people)} accounts added, {len(existing)} already there "
        f"({User.objects.count()} accounts in all)."
    )
    return len(new_people)


def seed_demo_memberships(*, log=print):
    """Tiers, and a yearly membership for every demo member who has none (about one in
    ten let their last year lapse). Idempotent."""
    tiers = [
        MembershipTier.objects.get_or_create(
            name=tier["name"], defaults={"description": tier["description"], "position": position}
        )[0]
        for position, tier in enumerate(load("memberships")["tiers"])
    ]
    individual, organization, student = tiers
    rng = random.Random(MEMBERSHIPS_SEED)
    today = timezone.localdate()
    members = (
        User.objects.filter(memberships__isnull=True, is_staff=False)
        .select_related("profile")
        .order_by("pk")
    )
    new = []
    for user in members:
        if user.email == MEMBER_EMAIL:
            tier, lapsed = organization, False  # the demo member sees the members' forum
        elif user.profile.organization and rng.random() < 0.7:
            tier = organization
        else:
            tier = student if rng.random() < 0.15 else individual
        if user.email != MEMBER_EMAIL:
            lapsed = rng.random() < 0.1
        starts = today - timedelta(days=rng.randrange(20, 700))
        years = (today - starts).days // 365
        if lapsed:
            years = max(years - 1, 0)
        for year in range(years + 1):
            period_start = starts + timedelta(days=365 * year)
            new.append(
                Membership(
                    user=user,
                    tier=tier,
                    starts_on=period_start,
                    ends_on=period_start + timedelta(days=364),
                )
            )
    # Past periods, written as they were: no service renews a year that is already over.
    Membership.objects.bulk_create(new)
    log(f"Demo memberships: {len(new)} periods added in {len(tiers)} tiers.")
    return len(new)


def demo_people():
    """The same list of people every time (a fixed random seed)."""
    rng = random.Random(SEED)
    people = [
        _named(PEOPLE["staff"]),
        _named(PEOPLE["second_staff"]),
        _named(PEOPLE["member"]),
    ]
    for partner in PEOPLE["partners"]:
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
    while len(people) < MEMBER_COUNT + 3 + len(PEOPLE["partners"]):
        person = _random_member(rng)
        if person.email not in used_emails:
            used_emails.add(person.email)
            people.append(person)
    return people


def _named(entry):
    fields = dict(entry)
    for name in ("interests", "skills_offered", "skills_sought"):
        fields[name] = tuple(fields.get(name, ()))
    fields["spoken"] = list(fields["spoken"])
    return Person(**fields)


def _random_member(rng):
    kind = rng.choices(["fr", "en", "allo"], weights=[70, 22, 8])[0]
    if kind == "fr":
        first, last = rng.choice(NAMES["francophone_first"]), rng.choice(NAMES["francophone_last"])
        language, spoken = "fr", ["fr"] + (["en"] if rng.random() < 0.6 else [])
    elif kind == "en":
        first, last = rng.choice(NAMES["anglophone_first"]), rng.choice(NAMES["anglophone_last"])
        language, spoken = "en", ["en"] + (["fr"] if rng.random() < 0.7 else [])
    else:
        allophone = rng.choice(NAMES["allophone"])
        first, last, spoken = allophone["first"], allophone["last"], list(allophone["spoken"])
        language = "en" if spoken[0] == "en" else "fr"
    circle = rng.choice(VOCABULARY["circles"])
    interests = rng.sample(circle, rng.randint(2, 3))
    interests += rng.sample(
        [i for i in VOCABULARY["interests"] if i not in interests], rng.randint(1, 4)
    )
    skills = VOCABULARY["skills"]
    offered = rng.sample(skills, rng.randint(1, 4))
    sought = rng.sample([s for s in skills if s not in offered], rng.randint(0, 3))
    organization_pick = rng.randrange(ORGANIZATION_PICKS)
    feminine = first in NAMES["feminine_first_names"]
    gender = "x" if rng.random() < 0.05 else ("f" if feminine else "m")
    shows_pronouns = gender == "x" or rng.random() < 0.3
    visibility = rng.choices(
        [Profile.Visibility.MEMBERS, Profile.Visibility.PUBLIC, Profile.Visibility.HIDDEN],
        weights=[75, 20, 5],
    )[0]
    slug = _ascii(f"{first}.{last}").lower().replace(" ", "").replace("'", "")
    email = f"{slug}{rng.randint(1, 99)}@exemple.org"
    roles = ORGANIZATIONS["roles_en"] if language == "en" else ORGANIZATIONS["roles_fr"][gender]
    role = rng.choice(roles)
    weights = ORGANIZATIONS["region_weights"]
    region = rng.choices(list(weights), weights=list(weights.values()))[0]
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
        pronouns=NAMES["pronouns"][language][gender] if shows_pronouns else "",
        bio=bio,
        website=_website(organization) if has_website else "",
        visibility=visibility,
        interests=tuple(interests),
        skills_offered=tuple(offered),
        skills_sought=tuple(sought),
        avatar=rng.random() < 0.4,
    )


def compose_bio(rng, *, language, spoken, interest, skill):
    """A three-sentence bio about the member's main interest and a skill they offer.

    Draws the same four values whatever the language: years, then one fragment each.
    """
    years = rng.randint(2, 25)
    fragments = BIOS[language if language == "en" else "fr"]
    if language == "en":
        words = {
            "interest": VOCABULARY["interest_phrases_en"][interest],
            "skill": VOCABULARY["skill_phrases_en"][skill],
        }
    else:
        phrase = VOCABULARY["interest_phrases_fr"][interest]
        words = {
            "interest": phrase,
            "to_interest": _preceded("à", phrase),
            "of_interest": _preceded("de", phrase),
            "skill": skill[0].lower() + skill[1:],
        }
    sentences = [rng.choice(fragments[part]) for part in ("openings", "middles", "closings")]
    if sentences[-1] == FRENCH_TOO and "fr" not in spoken:
        sentences[-1] = BIOS["en"]["closings"][0]
    return " ".join(sentence.format(years=years, **words) for sentence in sentences)


def _preceded(preposition, phrase):
    """Put à or de before a phrase with its article: "au logement social", "de l'environnement"."""
    article, _space, rest = phrase.partition(" ")
    contracted = _CONTRACTIONS.get((preposition, article))
    if contracted:
        return f"{contracted} {rest}"
    return f"{preposition} {phrase}"


def _organization(*, circle, region, language, pick):
    """An organization about one of the circle's interests, in the member's region.

    Anglophones work for an English-speaking organization when their region has
    one in their circle; Québec-wide organizations are open to everyone.
    """
    english = [
        organization["name"]
        for organization in ORGANIZATIONS["english"].get(region, [])
        if organization["theme"] in circle
    ]
    if language == "en" and english:
        return english[pick % len(english)]
    local = [
        kind.format(place=place)
        for place in ORGANIZATIONS["places"][region]
        for theme in circle
        for kind in ORGANIZATIONS["kinds"].get(theme, [])
    ]
    quebec_wide = [
        organization["name"]
        for organization in ORGANIZATIONS["quebec_wide"]
        if organization["theme"] in circle
    ]
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


def _vocabulary(model, names):
    """The tags with these names, created when missing.

    A tag that already has the name's slug (a member typed "securite alimentaire")
    stands in for it, so that no two tags share a slug.
    """
    slugs = {name: slugify(name) for name in names}
    by_name = {tag.name: tag for tag in model.objects.filter(name__in=names)}
    by_slug = {tag.slug: tag for tag in model.objects.filter(slug__in=slugs.values())}
    tags = {name: by_name.get(name) or by_slug.get(slugs[name]) for name in names}
    missing = [name for name, tag in tags.items() if tag is None]
    model.objects.bulk_create(model(name=name, slug=slugs[name]) for name in missing)
    tags.update({tag.name: tag for tag in model.objects.filter(name__in=missing)})
    return tags


def _create_member(person, *, password):
    """One account and its profile (the profile comes from the post_save signal)."""
    user = User.objects.create(
        email=person.email,
        password=password,
        is_staff=person.is_staff,
        is_superuser=person.is_staff,
    )
    profile = user.profile
    profile.display_name = person.name
    profile.language = person.language
    profile.languages = person.spoken
    profile.organization = person.organization
    profile.role = person.role
    profile.region = person.region
    profile.pronouns = person.pronouns
    profile.bio = person.bio
    profile.website = person.website
    profile.visibility = person.visibility
    if person.avatar:
        avatar, thumbnail = images.render_avatar(_painted_avatar(person))
        profile.avatar.save(avatar.name, avatar, save=False)
        profile.avatar_thumbnail.save(thumbnail.name, thumbnail, save=False)
    profile.save()
    return profile


def _tag(profiles, people, *, interests, skills):
    """All the new profiles' interests and skills, in three inserts."""
    pairs = list(zip(profiles, people, strict=True))
    TaggedInterest.objects.bulk_create(
        TaggedInterest(content_object=profile, tag=interests[name])
        for profile, person in pairs
        for name in person.interests
    )
    TaggedSkillOffered.objects.bulk_create(
        TaggedSkillOffered(content_object=profile, tag=skills[name])
        for profile, person in pairs
        for name in person.skills_offered
    )
    TaggedSkillSought.objects.bulk_create(
        TaggedSkillSought(content_object=profile, tag=skills[name])
        for profile, person in pairs
        for name in person.skills_sought
    )


def _painted_avatar(person):
    """A portrait placeholder: a figure on a coloured background, different for each person."""
    size = 256
    seed = sum(map(ord, person.email))
    background = AVATAR_COLOURS[seed % len(AVATAR_COLOURS)]
    skin = SKIN_TONES[(seed // 7) % len(SKIN_TONES)]
    hair = HAIR_COLOURS[(seed // 11) % len(HAIR_COLOURS)]
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((24, 160, 232, 360), fill=SHIRT_COLOURS[(seed // 3) % len(SHIRT_COLOURS)])
    draw.ellipse((78, 48, 178, 160), fill=hair)
    draw.ellipse((86, 64, 170, 164), fill=skin)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("avatar.png", buffer.getvalue(), content_type="image/png")
