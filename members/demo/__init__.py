"""The demo community: a Québec network of nonprofits, in French and English.

``seed_demo_community()`` is idempotent: accounts are keyed on their email, and
a member's profile, tags and avatar are filled only when the account is new, so
a second run adds nothing and changes nothing a person edited since.

Every demo account signs in with DEMO_PASSWORD.
"""

import io

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image, ImageDraw

from common import images
from members.demo.memberships import seed_demo_memberships
from members.demo.organizations import PARTNER_ORGANIZATIONS
from members.demo.people import MEMBER_EMAIL, SECOND_STAFF_EMAIL, STAFF_EMAIL, demo_people
from members.demo.vocabulary import INTERESTS, SKILLS
from members.models import (
    Interest,
    Skill,
    TaggedInterest,
    TaggedSkillOffered,
    TaggedSkillSought,
    User,
)

DEMO_PASSWORD = "maillage-demo-2026"

SKIN_TONES = ["#f1d3b8", "#e0ac82", "#c68857", "#8d5a3b", "#5c3a24"]
HAIR_COLOURS = ["#2b1d14", "#5a3a22", "#a8712f", "#d9b26a", "#8c8c8c", "#111111"]
SHIRT_COLOURS = ["#f4f6f9", "#ffd166", "#06d6a0", "#ef476f", "#118ab2"]
AVATAR_COLOURS = ["#0b5c8a", "#17612f", "#a8430f", "#6b2d8a", "#7a4d00", "#1d5c5c", "#8a1c4a"]


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
        interests = _vocabulary(Interest, INTERESTS)
        skills = _vocabulary(Skill, SKILLS)
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


__all__ = [
    "DEMO_PASSWORD",
    "MEMBER_EMAIL",
    "PARTNER_ORGANIZATIONS",
    "SECOND_STAFF_EMAIL",
    "STAFF_EMAIL",
    "seed_demo_community",
]
