"""Reusable reads about members: directory filters and shared interests."""

from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q

from common.prepared import ID_LIST, VIEWER, Prepared, partial
from members.models import (
    Interest,
    Profile,
    Skill,
    TaggedInterest,
    TaggedSkillOffered,
    TaggedSkillSought,
    User,
)
from members.permissions import listed_profiles, name_for


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


# What pages ask of the viewer on every visit (their interests, to rank and to show what
# they share; their name, to greet them) is kept per member, and forgotten by
# members.signals when their profile or their interests change.
VIEWER_TIMEOUT = 600


def _viewer_summary(user):
    return _viewer_summary_from(user, cache.get(viewer_summary_key(user.pk)))


def _viewer_summary_from(user, summary):
    """The summary as the cache gave it, or (missing) read and kept."""
    if summary is None:
        key = viewer_summary_key(user.pk)
        rows = list(Profile.objects.filter(user=user).values_list("display_name", "interests__id"))
        summary = {
            "name": Profile.name_from(rows[0][0] if rows else "", user.email),
            "interests": {tag_id for _, tag_id in rows if tag_id is not None},
        }
        cache.set(key, summary, VIEWER_TIMEOUT)
    return summary


def viewer_summary_key(user_id):
    return f"members:viewer:{user_id}"


def forget_viewer_summary(user_ids):
    cache.delete_many([viewer_summary_key(pk) for pk in user_ids])


def interest_ids_of(user):
    """The ids of the member's interests (none for a visitor)."""
    if not user.is_authenticated:
        return set()
    return set(_viewer_summary(user)["interests"])


def name_of(user):
    """The member's own name, as their profile gives it."""
    return _viewer_summary(user)["name"]


class HomeSummary(NamedTuple):
    name: str
    interest_ids: set
    people_to_meet: list  # members_sharing_interests' cards
    popular_interests: list


def home_summary_keys(user, *, popular=12):
    """The keys home_summary reads from the cache, for a page that reads them with its
    others in one round trip."""
    return [viewer_summary_key(user.pk), _sharing_key(user.pk), _popular_interests_key(popular)]


def home_summary(user, *, people=6, popular=12, kept=None):
    """What the home page shows of members, from one read of the cache: the member's name
    and interests (name_of, interest_ids_of), the people to meet
    (members_sharing_interests) and the popular interests (popular_interests).
    `kept`: what cache.get_many gave for home_summary_keys, where the page read them."""
    keys = home_summary_keys(user, popular=popular)
    if kept is None:
        kept = cache.get_many(keys)
    summary = _viewer_summary_from(user, kept.get(keys[0]))
    mine = set(summary["interests"])
    return HomeSummary(
        name=summary["name"],
        interest_ids=mine,
        people_to_meet=_sharing_from(user, mine, people, kept.get(keys[1])) if mine else [],
        popular_interests=_popular_interests_from(popular, kept.get(keys[2])),
    )


class NamedInterest(NamedTuple):
    """An interest as a card names it (no model built)."""

    id: int
    name: str


def interests_of_profiles(profile_ids, interest_rows=None):
    """{profile id: its interests (NamedInterest), by name} for a page of profiles, in one
    query of the tag rows, named from the kept list of interests (no Interest read or built
    per profile); `interest_rows`: that list, where the page has read it."""
    tagged = set(_TAG_ROWS(profiles=list(profile_ids)))  # (profile id, interest id) pairs
    everyone = {tag_id for _, tag_id in tagged}
    rows = _tag_rows(Interest) if interest_rows is None else interest_rows
    named = [(pk, NamedInterest(pk, name)) for pk, _, name in rows if pk in everyone]
    return {pk: [tag for id_, tag in named if (pk, id_) in tagged] for pk in profile_ids}


# What a member card shows, as a row (members.queries.Card): the directory and the home
# page's suggestions read their cards this way rather than as models.
CARD_COLUMNS = (
    "pk", "user_id", "user__email", "display_name", "pronouns", "role", "organization",
    "region", "avatar_thumbnail",
)  # fmt: skip


class Card:
    """A member as their card shows them, from a row of CARD_COLUMNS: `name` as the profile
    gives it; `first_interests` and `shared` set by the page that shows the card."""

    __slots__ = (
        "pk", "user_id", "email", "display_name", "pronouns", "role", "organization", "region",
        "thumbnail", "first_interests", "shared",
    )  # fmt: skip

    def __init__(
        self, pk, user_id, email, display_name, pronouns, role, organization, region, thumbnail
    ):
        self.pk, self.user_id, self.email, self.display_name = pk, user_id, email, display_name
        self.pronouns, self.role, self.organization = pronouns, role, organization
        self.region, self.thumbnail = region, thumbnail or ""
        self.first_interests, self.shared = (), []

    @property
    def name(self):
        return Profile.name_from(self.display_name, self.email)

    @classmethod
    def of_profile(cls, profile):
        return cls(
            profile.pk, profile.user_id, profile.user.email, profile.display_name,
            profile.pronouns, profile.role, profile.organization, profile.region,
            profile.avatar_thumbnail.name,
        )  # fmt: skip


def cards(rows):
    return [Card(*row) for row in rows]


_TAG_ROWS = Prepared(
    lambda profiles: TaggedInterest.objects.filter(content_object__in=profiles).values_list(
        "content_object", "tag"
    ),
    profiles=ID_LIST,
)


def shared_interests(viewer_interest_ids, profile):
    """Interests a profile shares with the viewer, from the profile's prefetched tags."""
    return [tag for tag in profile.interests.all() if tag.pk in viewer_interest_ids]


# How many of the profiles with the most interests in common are counted, and how many of
# them (visible when ranked) are kept with the interests they share: enough that someone
# who hides, blocks or leaves meanwhile rarely leaves the list short.
SHARING_CANDIDATES = 60
SHARING_KEPT = 12
SHARING_TIMEOUT = 300


def members_sharing_interests(*, viewer, limit=6, viewer_interest_ids=None):
    """The cards (Card) of the profiles with the most interests in common with the viewer,
    most first, then by name; each with `shared`, the interests in common (by name).

    The ranking is kept a few minutes per viewer, with the interests it was ranked for
    (changing mine ranks anew): the best candidates and what they share. Who may be shown
    is decided on every read, in the one query that reads them through `profiles`, the
    viewer's visibility rule (members.permissions.listed_profiles, the cards' columns):
    someone who hides their profile or blocks the viewer goes at once.
    """
    mine = interest_ids_of(viewer) if viewer_interest_ids is None else viewer_interest_ids
    if not mine:
        return []
    return _sharing_from(viewer, mine, limit, cache.get(_sharing_key(viewer.pk)))


def _sharing_key(user_id):
    return f"members:sharing:{user_id}"


def _sharing_from(viewer, mine, limit, kept):
    """members_sharing_interests, from what the cache gave: (the interests ranked for, the
    ranking), ranked anew and kept when missing or ranked for other interests."""
    ranked_for = tuple(sorted(mine))
    if kept is None or kept[0] != ranked_for:
        kept = (ranked_for, _rank_sharing(_listed_cards(viewer), viewer, mine))
        cache.set(_sharing_key(viewer.pk), kept, SHARING_TIMEOUT)
    ranking = kept[1]
    rank = {pk: n for n, (pk, _) in enumerate(ranking)}
    shared = dict(ranking)
    shown = sorted(
        cards(_LISTED_CARDS(viewer=viewer, profiles=list(rank))), key=lambda card: rank[card.pk]
    )[:limit]
    for card in shown:
        card.shared = [NamedInterest(pk, name) for pk, name in shared[card.pk]]
    return shown


def _listed_cards(viewer):
    return listed_profiles(viewer, Profile.objects.for_cards(interests=False))


_LISTED_CARDS = Prepared(
    lambda viewer, profiles: (
        _listed_cards(viewer).filter(pk__in=profiles).values_list(*CARD_COLUMNS)
    ),
    viewer=VIEWER,
    profiles=ID_LIST,
)


def _rank_sharing(profiles, viewer, mine):
    """[(profile id, [(interest id, name), ...]), ...]: the visible profiles sharing the
    most of `mine`, best first. The counting reads the interest tags alone (one grouped
    read of the rows of the viewer's own interests), so its cost follows those interests,
    not the number of members."""
    counts = dict(
        TaggedInterest.objects.filter(tag_id__in=mine)
        .values_list("content_object")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "content_object")[:SHARING_CANDIDATES]
    )
    allowed = profiles.filter(pk__in=counts).exclude(user=viewer).values_list("pk", "display_name")
    kept = [pk for pk, _ in sorted(allowed, key=lambda row: (-counts[row[0]], row[1], row[0]))][
        :SHARING_KEPT
    ]
    names = dict(Interest.objects.filter(pk__in=mine).values_list("pk", "name"))
    shared = {pk: [] for pk in kept}
    for profile_id, tag_id in TaggedInterest.objects.filter(
        content_object__in=kept, tag_id__in=mine
    ).values_list("content_object", "tag_id"):
        shared[profile_id].append((tag_id, names[tag_id]))
    return [(pk, sorted(shared[pk], key=lambda interest: interest[1].casefold())) for pk in kept]


# The most shared interests are the same for every viewer and change only when someone's
# interests do: they are cached, and members.signals forgets them on every such change.
# The timeout bounds how long a change made behind the signals' back (a bulk load) shows.
POPULAR_INTERESTS_CACHE_KEY = "members:popular-interests"
POPULAR_INTERESTS_TIMEOUT = 600


class PopularInterest(NamedTuple):
    slug: str
    name: str
    members: int


def popular_interests(limit=12):
    """The interests most members share (PopularInterest: kept as tuples, which the cache
    reads back for a fraction of what models cost)."""
    return _popular_interests_from(limit, cache.get(_popular_interests_key(limit)))


def _popular_interests_key(limit):
    return f"{POPULAR_INTERESTS_CACHE_KEY}:{limit}"


def _popular_interests_from(limit, interests):
    """The list as the cache gave it, or (missing) counted and kept."""
    if interests is None:
        interests = [
            PopularInterest(*row)
            for row in Interest.objects.annotate(members=Count("tagged_profiles"))
            .order_by("-members", "name")
            .values_list("slug", "name", "members")[:limit]
        ]
        cache.set(_popular_interests_key(limit), interests, POPULAR_INTERESTS_TIMEOUT)
    return interests


def forget_popular_interests(limit=12):
    cache.delete(_popular_interests_key(limit))


# The lists of every interest and every skill (the directory's filters; the names of the
# interests a space has) change only when one is added, renamed or deleted: they are cached, and
# members.signals forgets them on every such change (the timeout bounds a bulk change).
TAG_CHOICES_TIMEOUT = 600


def _tag_rows(model):
    """[(pk, slug, name)] of every Interest or Skill, by name."""
    return _tag_rows_from(model, cache.get(_tag_choices_key(model)))


def _tag_rows_from(model, rows):
    """The rows as the cache gave them, or (missing) read and kept."""
    if rows is None:
        rows = list(model.objects.order_by("name", "pk").values_list("pk", "slug", "name"))
        cache.set(_tag_choices_key(model), rows, TAG_CHOICES_TIMEOUT)
    return rows


def interests_and_tag_rows_of(user):
    """interest_ids_of(user), and the kept rows (pk, slug, name) of every interest and of
    every skill, from one read of the cache: the directory needs the three on every visit
    (its cards, its filters)."""
    keys = [viewer_summary_key(user.pk), _tag_choices_key(Interest), _tag_choices_key(Skill)]
    kept = cache.get_many(keys)
    summary = _viewer_summary_from(user, kept.get(keys[0]))
    return (
        set(summary["interests"]),
        _tag_rows_from(Interest, kept.get(keys[1])),
        _tag_rows_from(Skill, kept.get(keys[2])),
    )


def tag_choices(model):
    """[(slug, name)] of every Interest or Skill, by name."""
    return [(slug, name) for _, slug, name in _tag_rows(model)]


def interest_choices():
    return tag_choices(Interest)


def skill_choices():
    return tag_choices(Skill)


def forget_tag_choices(model):
    cache.delete(_tag_choices_key(model))


def _tag_choices_key(model):
    return f"members:tags:{model._meta.model_name}"


# The columns of a person that members.permissions' rules read (shown_person, name_for),
# for rows read as values through a relation to an account: ("author__pk", ...).
PERSON_COLUMNS = (
    "pk", "is_active", "email", "profile__pk", "profile__display_name", "profile__visibility",
)  # fmt: skip


def person_columns(account):
    return tuple(f"{account}__{column}" for column in PERSON_COLUMNS)


def person_from_columns(columns):
    """The account PERSON_COLUMNS describe, with its profile (None for a deleted account)."""
    pk, is_active, email, profile_pk, display_name, visibility = columns
    if pk is None:
        return None
    user = partial(User, id=pk, is_active=is_active, email=email)
    user.profile = partial(
        Profile, id=profile_pk, user_id=pk, display_name=display_name, visibility=visibility
    )
    user.profile.user = user
    return user


def person_name_from_columns(viewer, columns, *, as_author=False):
    """members.permissions.name_for of the account PERSON_COLUMNS describe, for a list
    that prints names only (the home feed): the rule reads the account and its profile
    from stand-ins holding those columns, where person_from_columns builds two models
    (some fifty Python calls a name)."""
    pk, is_active, email, profile_pk, display_name, visibility = columns
    if pk is None:
        return name_for(viewer, None, as_author=as_author)
    return name_for(
        viewer,
        _NamedAccount(pk, is_active, email, profile_pk, display_name, visibility),
        as_author=as_author,
    )


def named_profile(columns):
    """A profile as the naming rule and {% person %} read it, from the columns of
    PERSON_COLUMNS read from the profile's side (account pk, is_active, email, profile pk,
    display name, visibility): for a list that names people (an event's attendees), where
    a profile and its account built as models cost some fifty Python calls a person."""
    return _NamedAccount(*columns).profile


class _NamedAccount:
    """An account as the naming rule reads it: pk, is_active, email and its profile."""

    __slots__ = ("pk", "is_active", "email", "profile")

    def __init__(self, pk, is_active, email, profile_pk, display_name, visibility):
        self.pk, self.is_active, self.email = pk, is_active, email
        self.profile = _NamedProfile(profile_pk, self, display_name, visibility)


class _NamedProfile:
    """A profile as the naming rule reads it (members.permissions.can_view_profile,
    shown_person): its account, visibility and name, and its address."""

    __slots__ = ("pk", "user", "user_id", "display_name", "visibility")

    def __init__(self, pk, user, display_name, visibility):
        self.pk, self.user, self.user_id = pk, user, user.pk
        self.display_name, self.visibility = display_name, visibility

    @property
    def name(self):
        return Profile.name_from(self.display_name, self.user.email)

    def get_absolute_url(self):
        return Profile.get_absolute_url(self)
