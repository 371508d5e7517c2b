"""Spaces: the list, a space's pages, joining, leaving, requests and invitations."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.pagination import CachedCountPaginator, PreparedPaginator
from common.ratelimit import rate_limited
from members.permissions import shown_person, visible_user_ids
from spaces import permissions, queries, services
from spaces.forms import (
    InviteForm,
    KnowledgeSearchForm,
    SpaceForm,
)
from spaces.models import (
    Membership,
    Space,
)
from spaces.views._common import (
    THREADS_PER_PAGE,
    _space_and_access,
)


@login_required
def space_list(request):
    """Signed-in members: their spaces, invitations, suggestions and every listed space."""
    listed = permissions.visible_spaces(request.user, Space.objects.listed())
    page = Paginator(queries.space_cards(listed.order_by("name")), 24).get_page(
        request.GET.get("page")
    )
    my_spaces, suggestions, page.object_list = queries.with_interests(
        queries.my_spaces(request.user), queries.suggested_spaces(request.user), page
    )
    return render(
        request,
        "spaces/space_list.html",
        {
            "my_spaces": my_spaces,
            "invitations": queries.my_invitations(request.user),
            "suggestions": suggestions,
            "page": page,
            "can_create": _can_create(request.user),
        },
    )


def _can_create(user):
    try:
        permissions.check_create_space_permission(user)
    except Exception:  # noqa: BLE001 - any refusal means no button
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("space_create")
def space_create(request):
    """Staff, and members when the space rules allow it."""
    permissions.check_create_space_permission(request.user)
    form = SpaceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        space = services.create_space(creator=request.user, form=form)
        messages.success(request, _("The space is created. Invite members to join it."))
        return redirect(space)
    return render(
        request, "spaces/space_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("moderation")
def space_edit(request, slug):
    """The space's owner and staff."""
    space, access = _space_and_access(request, slug)
    permissions.check_manage_space_permission(access)
    form = SpaceForm(request.POST or None, request.FILES or None, instance=space)
    if request.method == "POST" and form.is_valid():
        services.update_space(form=form)
        messages.success(request, _("The space is saved."))
        return redirect(space)
    return render(
        request,
        "spaces/space_form.html",
        {"form": form, "space": space},
        status=400 if form.errors else 200,
    )


@login_required
def space_detail(request, slug):
    """Anyone who may see the space; its threads to those who may read it."""
    space, access = _space_and_access(request, slug)
    permissions.check_see_space_permission(access)
    context = {"space": space, "access": access, "tab": "threads"}
    if access.can_read:
        context["page"] = PreparedPaginator(
            lambda: queries.space_thread_count(space),
            lambda bottom, top: queries.space_threads_page(space, request.user, bottom, top),
            THREADS_PER_PAGE,
        ).get_page(request.GET.get("page"))
    if access.can_moderate:
        context["request_count"] = queries.pending_requests(space).count()
    template = "spaces/_thread_list.html" if request.htmx else "spaces/space_detail.html"
    return render(request, template, context)


@login_required
def knowledge(request, slug):
    """Readers of the space: its answered questions, searchable by word and tag."""
    space, access = _space_and_access(request, slug)
    permissions.check_read_space_permission(access)
    form = KnowledgeSearchForm(request.GET or None, space=space)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    q, tag = filters.get("q", ""), filters.get("tag")
    if q or tag:
        paginator = Paginator(queries.answered_questions(space, q=q, tag=tag), THREADS_PER_PAGE)
    else:  # the unfiltered list most visits read: its total kept a minute, its rows prepared
        paginator = CachedCountPaginator(
            lambda: queries.answered_questions(space),
            THREADS_PER_PAGE,
            key_parts=("knowledge", space.pk),
            rows=lambda bottom, top: queries.answered_questions_page(space, bottom, top),
        )
    page = paginator.get_page(request.GET.get("page"))
    template = "spaces/_knowledge_results.html" if request.htmx else "spaces/knowledge.html"
    return render(
        request,
        template,
        {"space": space, "access": access, "form": form, "page": page, "tab": "knowledge"},
    )


@login_required
def members(request, slug):
    """Readers of the space: who is in it; moderators also see requests and manage roles."""
    space, access = _space_and_access(request, slug)
    permissions.check_read_space_permission(access)
    memberships = (
        space.memberships.filter(state=Membership.State.ACTIVE)
        .filter(user__in=visible_user_ids(request.user))
        .select_related("user__profile")
        .order_by("role", "user__profile__display_name")
    )
    page = Paginator(memberships, 48).get_page(request.GET.get("page"))
    context = {"space": space, "access": access, "page": page, "tab": "members"}
    if access.can_moderate:
        context["requests"] = queries.pending_requests(space)
        context["invite_form"] = InviteForm()
    return render(request, "spaces/members.html", context)


@login_required
@require_POST
@rate_limited("join_request")
def join(request, slug):
    """Signed-in members who may see the space and are not in it yet (or are invited)."""
    space, access = _space_and_access(request, slug)
    permissions.check_join_permission(access)
    membership = services.join_space(access=access)
    if membership.is_active:
        messages.success(request, _("Welcome to %(space)s!") % {"space": space.name})
    else:
        messages.info(request, _("Your request is sent to the space's moderators."))
    return redirect(space)


@login_required
@require_POST
@rate_limited("join_request")
def leave(request, slug):
    """Members of the space, and those who asked to join."""
    space, access = _space_and_access(request, slug)
    permissions.check_see_space_permission(access)
    if services.leave_space(access=access):
        messages.success(request, _("You left %(space)s.") % {"space": space.name})
        if space.visibility == Space.Visibility.SECRET and not request.user.is_staff:
            return redirect("spaces:list")
    else:
        messages.error(request, _("Name another owner before you leave this space."))
    return redirect(space)


@login_required
@require_POST
@rate_limited("moderation")
def decide_request(request, slug, membership_id):
    """The space's moderators and staff."""
    space, access = _space_and_access(request, slug)
    permissions.check_moderate_permission(access)
    membership = get_object_or_404(
        space.memberships.select_related("user__profile"),
        pk=membership_id,
        state=Membership.State.REQUESTED,
    )
    accept = request.POST.get("decision") == "accept"
    services.decide_join_request(moderator=request.user, membership=membership, accept=accept)
    message = _("%(name)s joined the space.") if accept else _("%(name)s's request is declined.")
    name = shown_person(request.user, membership.user.profile, as_author=True).name
    messages.success(request, message % {"name": name})
    return redirect("spaces:members", slug=space.slug)


@login_required
@require_POST
@rate_limited("invitation")
def invite(request, slug):
    """The space's moderators and staff."""
    space, access = _space_and_access(request, slug)
    permissions.check_moderate_permission(access)
    form = InviteForm(request.POST)
    user = None
    if form.is_valid():
        user = (
            get_user_model()
            .objects.filter(email__iexact=form.cleaned_data["email"], is_active=True)
            .first()
        )
    if user is None:
        messages.error(request, _("No member has this email address."))
    else:
        services.invite_member(inviter=request.user, space=space, user=user)
        name = shown_person(request.user, user.profile).name
        messages.success(request, _("%(name)s is invited.") % {"name": name})
    return redirect("spaces:members", slug=space.slug)
