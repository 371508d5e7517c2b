"""The demo community: a Québec network of nonprofits, in French and English.

``seed_demo_community()`` is idempotent: accounts are keyed on their email, and
a member's profile, tags and avatar are filled only when the account is new, so
a second run adds nothing and changes nothing a person edited since.
"""

import io

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image, ImageDraw

from members import images
from members.demo.people import MEMBER_EMAIL, STAFF_EMAIL, demo_people
from members.demo.vocabulary import INTERESTS, PARTNER_ORGANIZATIONS, SKILLS
from members.models import Interest, Skill, User

DEMO_PASSWORD = "maillage-demo-2026"

SKIN_TONES = ["#f1d3b8", "#e0ac82", "#c68857", "#8d5a3b", "#5c3a24"]
HAIR_COLOURS = ["#2b1d14", "#5a3a22", "#a8712f", "#d9b26a", "#8c8c8c", "#111111"]
SHIRT_COLOURS = ["#f4f6f9", "#ffd166", "#06d6a0", "#ef476f", "#118ab2"]
AVATAR_COLOURS = ["#0b5c8a", "#17612f", "#a8430f", "#6b2d8a", "#7a4d00", "#1d5c5c", "#8a1c4a"]


def seed_demo_community(*, log=print):
    """Create the demo community. Idempotent: accounts that exist are left as they are."""
    people = demo_people()
    password = make_password(DEMO_PASSWORD)
    existing = set(
        User.objects.filter(email__in=[p.email for p in people]).values_list("email", flat=True)
    )
    new_people = [person for person in people if person.email not in existing]
    with transaction.atomic():
        interests = _tags(Interest, INTERESTS)
        skills = _tags(Skill, SKILLS)
        for person in new_people:
            _create_member(person, password=password, interests=interests, skills=skills)
    log(
        f"Demo community: {len(new_people)} accounts added, {len(existing)} already there "
        f"({User.objects.count()} accounts in all)."
    )
    return len(new_people)


def _tags(model, names):
    existing = {tag.name: tag for tag in model.objects.filter(name__in=names)}
    missing = [model(name=name, slug=slugify(name)) for name in names if name not in existing]
    model.objects.bulk_create(missing)
    return {tag.name: tag for tag in model.objects.filter(name__in=names)}


def _create_member(person, *, password, interests, skills):
    user = User.objects.create(
        email=person.email,
        password=password,
        is_staff=person.is_staff,
        is_superuser=person.is_staff,
    )
    EmailAddress.objects.create(user=user, email=person.email, verified=True, primary=True)
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
    profile.interests.set([interests[name] for name in person.interests])
    profile.skills_offered.set([skills[name] for name in person.skills_offered])
    profile.skills_sought.set([skills[name] for name in person.skills_sought])


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
    "STAFF_EMAIL",
    "seed_demo_community",
]
