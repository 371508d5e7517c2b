"""Reusable reads about members: directory filters and shared interests."""

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q

from members.models import Interest, TaggedInterest, TaggedSkillOffered, TaggedSkillSought


def filter_directory(profiles, *, q="", interest=None, skill=None, region=""):
    if q:
        profiles = profiles.filter(
            Q(display_name__icontains=q) | Q(organization__icontains=q) | Q(role__icontains=q)
        )
    if interest:
        profiles = profiles.filter(
            Exists(TaggedInterest.objects.filter(content_object=OuterRef("pk"), tag=interest))
        )
    if skill:
        profiles = profiles.filter(
            Exists(TaggedSkillOffered.objects.filter(content_object=OuterRef("pk"), tag=skill))
            | Exists(TaggedSkillSought.objects.filter(content_object=OuterRef("pk"), tag=skill))
        )
    if region:
        profiles = profiles.filter(region=region)
    return profiles


def interest_ids_of(user):
    if not user.is_authenticated:
        return set()
    return set(
        TaggedInterest.objects.filter(content_object__user=user).values_list("tag_id", flat=True)
    )


def shared_interests(viewer_interest_ids, profile):
    """Interests a profile shares with the viewer, from the profile's prefetched tags."""
    return [tag for tag in profile.interests.all() if tag.pk in viewer_interest_ids]


def members_sharing_interests(profiles, *, viewer, limit=6, interest_ids=None):
    """Profiles with the most interests in common with the viewer, most first.
    `interest_ids`: the viewer's, when the page has read them already (interest_ids_of)."""
    viewer_interests = (
        Interest.objects.filter(tagged_profiles__content_object__user=viewer)
        if interest_ids is None
        else sorted(interest_ids)
    )
    return (
        profiles.exclude(user=viewer)
        .filter(interests__in=viewer_interests)
        .annotate(shared_count=Count("interests", filter=Q(interests__in=viewer_interests)))
        .order_by("-shared_count", "display_name", "pk")[:limit]
    )


# The most shared interests are the same for every viewer and change only when someone's
# interests do: they are cached, and members.signals forgets them on every such change.
# The timeout bounds how long a change made behind the signals' back (a bulk load) shows.
POPULAR_INTERESTS_CACHE_KEY = "members:popular-interests"
POPULAR_INTERESTS_TIMEOUT = 600


def popular_interests(limit=12):
    key = f"{POPULAR_INTERESTS_CACHE_KEY}:{limit}"
    interests = cache.get(key)
    if interests is None:
        interests = list(
            Interest.objects.annotate(members=Count("tagged_profiles")).order_by(
                "-members", "name"
            )[:limit]
        )
        cache.set(key, interests, POPULAR_INTERESTS_TIMEOUT)
    return interests


def forget_popular_interests(limit=12):
    cache.delete(f"{POPULAR_INTERESTS_CACHE_KEY}:{limit}")
