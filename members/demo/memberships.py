"""The demo's membership tiers, and a membership for each demo member (a few lapsed)."""

import random
from datetime import timedelta

from django.utils import timezone

from members.demo.people import MEMBER_EMAIL
from members.models import Membership, MembershipTier, User

SEED = 20261125

TIERS = [
    ("Membre individuel", "Pour les personnes qui s'engagent dans le réseau. / For individuals."),
    ("Organisme membre", "Pour les OBNL du réseau et leurs équipes. / For member nonprofits."),
    ("Membre étudiant", "Tarif réduit pour les études. / Reduced fee for students."),
]


def seed_demo_memberships(*, log=print):
    """Tiers, and a yearly membership for every demo member who has none. Idempotent."""
    tiers = [
        MembershipTier.objects.get_or_create(
            name=name, defaults={"description": description, "position": position}
        )[0]
        for position, (name, description) in enumerate(TIERS)
    ]
    individual, organization, student = tiers
    rng = random.Random(SEED)
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
        # Most renewed; about one in ten let their last year lapse.
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
    Membership.objects.bulk_create(new)
    log(f"Demo memberships: {len(new)} periods added in {len(tiers)} tiers.")
    return len(new)
