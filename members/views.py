from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.pagination import CachedCountPaginator
from common.prepared import ID, SHAPE, VIEWER, Prepared
from common.ratelimit import rate_limited
from common.tags import read_tags
from members import permissions, profile_sections, queries, services
from members.forms import DirectoryFilterForm, ProfileForm
from members.models import Profile


def profile_detail(request, pk):
    """Public profiles: anyone. Members-only: signed-in members. Hidden: the member and staff."""
    profile = next(iter(_PROFILE(pk=pk)), None)
    if profile is None:
        raise Http404
    if not permissions.can_view_profile(request.user, profile):
        if permissions.sign_in_would_show_profile(request.user, profile):
            return redirect_to_login(request.get_full_path())
        raise Http404
    read_tags(profile, "interests", "skills_offered", "skills_sought")
    viewer_interests = queries.interest_ids_of(request.user)
    return render(
        request,
        "members/profile_detail.html",
        {
            "profile": profile,
            "is_own": request.user.pk == profile.user_id,
            "shared_interests": queries.shared_interests(viewer_interests, profile),
            "sections": profile_sections.sections_for(request.user, profile),
        },
    )


@login_required
def my_profile(request):
    """The signed-in member's own profile."""
    return redirect(request.user.profile)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("profile_edit")
def profile_edit(request, pk):
    """Only the member themself may edit their profile."""
    profile = get_object_or_404(Profile, pk=pk)
    permissions.check_edit_profile_permission(request.user, profile)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            services.update_profile(
                profile=profile,
                form=form,
                remove_avatar=form.cleaned_data["remove_avatar"],
            )
            messages.success(request, _("Your profile is saved."))
            return redirect(profile)
        messages.error(request, _("Your profile was not saved: please correct the fields below."))
        status = 400
    else:
        status = 200
    return render(
        request, "members/profile_form.html", {"form": form, "profile": profile}, status=status
    )


@login_required
def my_profile_edit(request):
    return redirect("members:profile_edit", pk=request.user.profile.pk)


@login_required
def directory(request):
    """Signed-in members: every profile that is not hidden (public and members-only)."""
    permissions.check_view_directory_permission(request.user)
    # What the cards and the filters need of the cache, in one read.
    viewer_interests, interest_rows, skill_rows = queries.interests_and_tag_rows_of(request.user)
    form = DirectoryFilterForm(request.GET or None, tag_rows=(interest_rows, skill_rows))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}

    def profiles():
        listed = permissions.listed_profiles(
            request.user, Profile.objects.for_cards(interests=False)
        )
        if filters:
            listed = queries.filter_directory(listed, **filters)
        return listed.order_by("display_name", "pk").values_list(*queries.CARD_COLUMNS)

    # listed_profiles lists the same people to every signed-in member: the total depends on
    # the filters alone, and a minute-old total is fine (counting 50,000 members is not).
    paginator = CachedCountPaginator(
        profiles,
        settings.MAILLAGE_DIRECTORY_PAGE_SIZE,
        key_parts=("directory", *sorted((k, str(getattr(v, "pk", v))) for k, v in filters.items())),
        # The unfiltered list, the one most visits read, by a query compiled once.
        rows=None
        if any(filters.values())
        else lambda bottom, top: _DIRECTORY_PAGE(viewer=request.user, bottom=bottom, top=top),
    )
    page = paginator.get_page(request.GET.get("page"))
    # Cards from rows (members.queries.Card): a card shows the interests shared with the
    # viewer, else the member's first four.
    cards = []
    shown = queries.cards(page)
    interests = queries.interests_of_profiles([card.pk for card in shown], interest_rows)
    me = request.user.pk
    for card in shown:
        card.first_interests = interests[card.pk][:4]
        own = card.user_id == me
        shared = [tag for tag in interests[card.pk] if tag.id in viewer_interests]
        cards.append((card, [] if own else shared))
    context = {
        "form": form,
        "page": page,
        "cards": cards,
        "query_string": _query_without_page(request),
    }
    template = "members/_directory_results.html" if request.htmx else "members/directory.html"
    return render(request, template, context)


_PROFILE = Prepared(lambda pk: Profile.objects.select_related("user").filter(pk=pk), pk=ID)
_DIRECTORY_PAGE = Prepared(
    lambda viewer, bottom, top: (
        permissions.listed_profiles(viewer, Profile.objects.for_cards(interests=False))
        .order_by("display_name", "pk")
        .values_list(*queries.CARD_COLUMNS)[bottom:top]
    ),
    viewer=VIEWER,
    bottom=SHAPE,
    top=SHAPE,
)


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
