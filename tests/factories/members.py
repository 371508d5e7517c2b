"""Members: users with their profiles (interests, skills), membership tiers and memberships.
Passwords are hashed once: tests stay fast."""

import factory
from django.contrib.auth.hashers import make_password

from members.models import Interest, Membership, MembershipTier, Skill, User

PASSWORD = "correct-horse-battery-staple"
_HASHED = {}


def hashed_password():
    if PASSWORD not in _HASHED:
        _HASHED[PASSWORD] = make_password(PASSWORD)
    return _HASHED[PASSWORD]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    password = factory.LazyFunction(hashed_password)

    @factory.post_generation
    def profile(self, create, extracted, **kwargs):
        """UserFactory(profile__display_name="Alice", profile__interests=["Arts"])"""
        if not create:
            return
        interests = kwargs.pop("interests", [])
        offered = kwargs.pop("skills_offered", [])
        sought = kwargs.pop("skills_sought", [])
        profile = self.profile
        for name, value in kwargs.items():
            setattr(profile, name, value)
        if kwargs:
            profile.save()
        if interests:
            profile.interests.set(interests)
        if offered:
            profile.skills_offered.set(offered)
        if sought:
            profile.skills_sought.set(sought)


def verified(user):
    """Mark the user's email as verified, as allauth does after confirmation."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Interest {n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Skill {n}")


class MembershipTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipTier
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Palier {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """A member's membership in a tier (from today, not expiring unless ends_on is given)."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    tier = factory.SubFactory(MembershipTierFactory)


def profile_form_data(**overrides):
    """What a member posts from the profile form (overrides apply)."""
    data = {
        "display_name": "Alice Tremblay",
        "pronouns": "elle",
        "bio": "Je coordonne les bénévoles.\nJ'aime les jardins.",
        "organization": "Banque alimentaire de Québec",
        "role": "Coordonnatrice",
        "region": "03",
        "languages": ["fr", "en"],
        "interests": "Sécurité alimentaire, Agriculture urbaine",
        "skills_offered": "Gestion de bénévoles",
        "skills_sought": "Demandes de subvention, Comptabilité",
        "website": "https://banque.example.org",
        "linkedin": "",
        "visibility": "members",
        "language": "fr",
    }
    data.update(overrides)
    return data
