"""Who may see and change members' profiles, and how a person is named on a page.

The one rule for showing a person (every surface uses it: pages, lists, pickers,
suggestions, mentions, notifications, emails, sockets):

- A member may be *found* (listed, suggested, picked, mentioned, linked, named in a
  list) by a viewer when `can_view_profile(viewer, profile)`: public profiles by anyone,
  members-only profiles by signed-in members, hidden profiles by no one but the member
  and staff; a deactivated account by staff alone. `visible_profiles` is the same rule
  for a queryset.
- What a member *wrote* (a post, a chat or private message, a question at an event) is
  signed with their name wherever the reader may read it, linked only when the reader
  may see the profile: being hidden keeps a member out of lists, not anonymous in the
  conversations they take part in. A deactivated account signs as "A former member".

`shown_person` applies both, and the `{% person %}` and `{% author %}` template tags
render it.
"""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from members.models import Profile


class _AnyMember:
    """A signed-in member who is no one in particular: for what is built once and sent to
    many members (a chat message on a socket, who is here)."""

    is_authenticated = True
    is_staff = False
    is_active = True
    pk = None


ANY_MEMBER = _AnyMember()


def visible_profiles(user, queryset):
    """The profiles a person may see: public to all, members-only to members, hidden to
    no one but themself; staff see every profile."""
    if not user.is_authenticated:
        return queryset.filter(visibility=Profile.Visibility.PUBLIC, user__is_active=True)
    if user.is_staff:
        return queryset
    shown = Q(user__is_active=True) & ~Q(visibility=Profile.Visibility.HIDDEN)
    return queryset.filter(shown | Q(user_id=user.pk) if user.pk else shown)


def listed_profiles(user, queryset):
    """Lists of people (directory, suggestions, attendees): hidden profiles and deactivated
    accounts are never listed, not even to staff or to the member themself."""
    return queryset.filter(listed(user))


def listed(user, *, profile="", account="user__"):
    """listed_profiles' rule as a condition, for a list of something else that leads to the
    profile (an event's registrations: profile="user__profile__", account="user__"), so
    that the list joins the profile instead of reading every listed one in a subquery."""
    shown = Q(**{f"{account}is_active": True}) & ~Q(
        **{f"{profile}visibility": Profile.Visibility.HIDDEN}
    )
    if not user.is_authenticated:
        return shown & Q(**{f"{profile}visibility": Profile.Visibility.PUBLIC})
    return shown


def visible_user_ids(user, queryset=None):
    """The ids of the accounts whose profile `user` may see, as a subquery."""
    profiles = queryset if queryset is not None else Profile.objects.all()
    return visible_profiles(user, profiles).values("user_id")


def can_view_profile(user, profile):
    if user.is_authenticated and (user.pk == profile.user_id or user.is_staff):
        return True
    if not profile.user.is_active:
        return False
    if profile.visibility == Profile.Visibility.PUBLIC:
        return True
    return profile.visibility == Profile.Visibility.MEMBERS and user.is_authenticated


@dataclass(frozen=True)
class ShownPerson:
    """How a page names a person for one viewer: a name, and a link or none."""

    name: str
    url: str = ""
    known: bool = True


def shown_person(viewer, profile, *, as_author=False):
    """A person as `viewer` may see them. `as_author`: the person wrote what the viewer is
    reading, so an active member is named even when their profile is hidden."""
    name, linked, known = shown(viewer, profile, as_author=as_author)
    return ShownPerson(name=name, url=profile.get_absolute_url() if linked else "", known=known)


def shown(viewer, profile, *, as_author=False):
    """shown_person as (name, linked, known), without the link's address: for the tags
    that name every person of a page (members.templatetags.people), which make the address
    their own way and need no ShownPerson."""
    if profile is None:
        return _("A former member"), False, False
    if can_view_profile(viewer, profile):
        return profile.name, True, True
    if not profile.user.is_active:
        return _("A former member"), False, False
    if as_author:
        return profile.name, False, True
    return _("A member"), False, False


def name_for(viewer, user, *, as_author=False):
    """The name to print for an account (None for a deleted one), for this viewer: what
    shown_person names, without making the link."""
    profile = user.profile if user is not None else None
    if profile is not None and can_view_profile(viewer, profile):
        return profile.name
    return shown(viewer, profile, as_author=as_author)[0]


def lacks_required_two_factor(user):
    """Staff who must use two-factor authentication and have not set it up: refused on
    every page but their sign-in and two-factor pages, and on every socket."""
    return (
        settings.MAILLAGE_STAFF_REQUIRE_TWO_FACTOR
        and user.is_authenticated
        and user.is_staff
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )


def sign_in_would_show_profile(user, profile):
    """A visitor is sent to sign in only where that helps; hidden profiles stay unknown."""
    return (
        not user.is_authenticated
        and profile.user.is_active
        and profile.visibility == Profile.Visibility.MEMBERS
    )


def check_edit_profile_permission(user, profile):
    if not (user.is_authenticated and user.pk == profile.user_id):
        raise PermissionDenied(_("Only a member can edit their own profile."))


def check_view_directory_permission(user):
    if not user.is_authenticated:
        raise PermissionDenied(_("The directory is for members."))
