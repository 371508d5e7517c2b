"""Reports and moderators' actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.ratelimit import rate_limited
from common.redirects import redirect_to_next
from members.permissions import shown_person
from spaces import permissions
from spaces.forms import (
    ModerationForm,
    MuteForm,
    ReportForm,
)
from spaces.models import (
    Membership,
    ModerationAction,
    Report,
    Space,
)
from spaces.services import moderation
from spaces.views._common import (
    _reportable,
    _space_and_access,
)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("report")
def report(request, slug, kind, pk):
    """Anyone who may read the space reports a post or chat message to its moderators."""
    space, access = _space_and_access(request, slug)
    permissions.check_report_permission(access)
    item = _reportable(space, kind, pk)
    permissions.check_report_permission(access, item)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moderation.report(access=access, item=item, **form.cleaned_data)
        messages.success(request, _("Thank you. The space's moderators will look at it."))
        return redirect(space.get_absolute_url() if kind == "chat" else item.get_absolute_url())
    return render(
        request,
        "spaces/report_form.html",
        {"form": form, "space": space, "item": item, "kind": kind},
        status=400 if form.errors else 200,
    )


@login_required
def moderation_queue(request, slug=None):
    """Moderators: open reports of their space (or, without a space, of all the spaces
    they moderate; staff see every space's), and the moderation record."""
    space = None
    if slug:
        space, access = _space_and_access(request, slug)
        permissions.check_moderate_permission(access)
    else:
        permissions.check_moderation_queue_permission(request.user)
    spaces = [space] if space else permissions.moderated_spaces(request.user, Space.objects.all())
    reports = Report.objects.filter(resolved_at=None, space__in=spaces)
    if not space and request.user.is_staff:
        reports = Report.objects.filter(resolved_at=None).filter(
            Q(space__in=spaces) | Q(direct_message__isnull=False)
        )
    actions = ModerationAction.objects.filter(space__in=spaces).select_related(
        "space", "moderator__profile", "member__profile"
    )
    reports = reports.select_related(
        "space",
        "reporter__profile",
        "thread__author__profile",
        "reply__author__profile",
        "reply__thread__space",
        "chat_message__author__profile",
    )
    return render(
        request,
        "spaces/moderation.html",
        {
            "space": space,
            "access": access if space else None,
            "tab": "moderation",
            "page": Paginator(reports, 30).get_page(request.GET.get("page")),
            "actions": actions[:30],
            "moderation_form": ModerationForm(),
            "mute_form": MuteForm(),
        },
    )


@login_required
@require_POST
@rate_limited("moderation")
def moderate_item(request, slug, kind, pk):
    """The space's moderators and staff: hide or restore a post or chat message, or
    dismiss its reports."""
    space, access = _space_and_access(request, slug)
    permissions.check_moderate_permission(access)
    item = _reportable(space, kind, pk)
    form = ModerationForm(request.POST)
    action = request.POST.get("action")
    if not form.is_valid() or action not in ("hide", "restore", "dismiss"):
        return render(request, "spaces/_bad_request.html", status=400)
    reason = form.cleaned_data["reason"]
    if action == "hide":
        moderation.hide(moderator=request.user, space=space, item=item, reason=reason)
        messages.success(request, _("The message is hidden and its author is told."))
    elif action == "restore":
        moderation.restore(moderator=request.user, space=space, item=item, reason=reason)
        messages.success(request, _("The message is visible again."))
    else:
        for open_report in Report.objects.filter(
            resolved_at=None, **{moderation._field_of(item): item}
        )[:1]:
            moderation.dismiss(moderator=request.user, report=open_report, reason=reason)
        messages.success(request, _("The report is dismissed."))
    return redirect_to_next(request, reverse("spaces:moderation", args=[space.slug]))


@login_required
@require_POST
@rate_limited("moderation")
def moderate_member(request, slug, user_id):
    """The space's moderators and staff: mute, unmute or remove a member."""
    space, access = _space_and_access(request, slug)
    permissions.check_moderate_permission(access)
    membership = get_object_or_404(
        space.memberships.select_related("user__profile", "space"),
        user_id=user_id,
        state=Membership.State.ACTIVE,
    )
    permissions.check_moderate_member_permission(access, membership)
    action = request.POST.get("action")
    form = MuteForm(request.POST) if action == "mute" else ModerationForm(request.POST)
    if not form.is_valid() or action not in ("mute", "unmute", "remove"):
        messages.error(request, _("Choose a number of days between 1 and 365."))
        return redirect("spaces:moderation", slug=space.slug)
    name = shown_person(request.user, membership.user.profile).name
    reason = form.cleaned_data["reason"]
    if action == "mute":
        moderation.mute(
            moderator=request.user,
            membership=membership,
            days=form.cleaned_data["days"],
            reason=reason,
        )
        messages.success(request, _("%(name)s is muted in this space.") % {"name": name})
    elif action == "unmute":
        moderation.unmute(moderator=request.user, membership=membership, reason=reason)
        messages.success(request, _("%(name)s may post again.") % {"name": name})
    elif moderation.remove(moderator=request.user, membership=membership, reason=reason):
        messages.success(request, _("%(name)s is removed from the space.") % {"name": name})
    else:
        messages.error(request, _("An owner cannot be removed."))
    return redirect("spaces:moderation", slug=space.slug)
