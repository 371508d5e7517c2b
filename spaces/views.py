from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from spaces import chat, mentions, moderation, permissions, queries, services
from spaces.forms import (
    ChatForm,
    EditPostForm,
    InviteForm,
    KnowledgeSearchForm,
    ModerationForm,
    MuteForm,
    ReactionForm,
    ReplyForm,
    ReportForm,
    SpaceForm,
    ThreadForm,
)
from spaces.models import (
    Attachment,
    ChatMessage,
    Membership,
    ModerationAction,
    Reaction,
    Reply,
    Report,
    Space,
)

THREADS_PER_PAGE = 20
REPLIES_PER_PAGE = 30


def _space_and_access(request, slug):
    space = get_object_or_404(Space, slug=slug)
    return space, permissions.access_to(request.user, space)


@login_required
def space_list(request):
    """Signed-in members: their spaces, invitations, suggestions and every listed space."""
    listed = permissions.visible_spaces(request.user, Space.objects.listed())
    page = Paginator(queries.space_cards(listed.order_by("name")), 24).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "spaces/space_list.html",
        {
            "my_spaces": queries.my_spaces(request.user),
            "invitations": queries.my_invitations(request.user),
            "suggestions": queries.suggested_spaces(request.user),
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
        threads = queries.threads_with_unread(
            space.threads.shown().filter(deleted_at=None), request.user
        ).order_by("-is_pinned", "-last_activity_at", "-pk")
        context["page"] = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
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
    questions = queries.answered_questions(space, q=filters.get("q", ""), tag=filters.get("tag"))
    page = Paginator(questions, THREADS_PER_PAGE).get_page(request.GET.get("page"))
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
    messages.success(request, message % {"name": membership.user.profile.name})
    return redirect("spaces:members", slug=space.slug)


@login_required
@require_POST
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
        messages.success(request, _("%(name)s is invited.") % {"name": user.profile.name})
    return redirect("spaces:members", slug=space.slug)


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, slug):
    """Members of the space and staff."""
    space, access = _space_and_access(request, slug)
    permissions.check_post_permission(access)
    form = ThreadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        thread = services.start_thread(access=access, form=form)
        return redirect(thread)
    return render(
        request,
        "spaces/thread_form.html",
        {"form": form, "space": space, "access": access},
        status=400 if form.errors else 200,
    )


def _thread(space, pk):
    return get_object_or_404(space.threads.select_related("author__profile", "space"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request, slug, pk):
    """Readers of the space; members reply (moderators only, once the thread is locked)."""
    space, access = _space_and_access(request, slug)
    permissions.check_read_space_permission(access)
    thread = _thread(space, pk)
    if thread.is_hidden and not access.can_moderate:
        raise Http404
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        permissions.check_post_permission(access, thread)
        if form.is_valid():
            reply = services.reply_to_thread(
                access=access,
                thread=thread,
                body=form.cleaned_data["body"],
                files=form.cleaned_data["attachments"],
            )
            last_page = (thread.reply_count // REPLIES_PER_PAGE) + 1
            return redirect(f"{thread.get_absolute_url()}?page={last_page}#reply-{reply.pk}")
    replies = (
        thread.replies.select_related("author__profile")
        .prefetch_related(
            Prefetch("reactions", queryset=Reaction.objects.only("emoji", "user_id", "reply_id")),
            "attachments",
        )
        .order_by("created_at", "pk")
    )
    if not access.can_moderate:
        replies = replies.shown()
    page = Paginator(replies, REPLIES_PER_PAGE).get_page(request.GET.get("page"))
    services.mark_seen(user=request.user, thread=thread)
    thread_reactions = _reaction_summary(thread.reactions.all(), request.user)
    return render(
        request,
        "spaces/thread_detail.html",
        {
            "space": space,
            "access": access,
            "thread": thread,
            "thread_reactions": thread_reactions,
            "page": page,
            "replies": [
                (reply, _reaction_summary(reply.reactions.all(), request.user)) for reply in page
            ],
            "form": form,
            "emoji_choices": Reaction.Emoji.choices,
            "can_accept": thread.is_question
            and (thread.author_id == request.user.pk or access.can_moderate),
        },
        status=400 if form.errors else 200,
    )


def _reaction_summary(reactions, user):
    """[(emoji, count, mine)] in the fixed order of the emoji set."""
    counts, mine = {}, set()
    for reaction in reactions:
        counts[reaction.emoji] = counts.get(reaction.emoji, 0) + 1
        if reaction.user_id == user.pk:
            mine.add(reaction.emoji)
    return [
        (emoji, counts[emoji], emoji in mine) for emoji in Reaction.Emoji.values if emoji in counts
    ]


def _post(space, kind, pk):
    if kind not in ("thread", "reply"):
        raise Http404
    if kind == "thread":
        return _thread(space, pk)
    return get_object_or_404(
        Reply.objects.select_related("thread__space", "author__profile"), pk=pk, thread__space=space
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, slug, kind, pk):
    """The post's author, while a member of the space."""
    space, access = _space_and_access(request, slug)
    post = _post(space, kind, pk)
    permissions.check_edit_post_permission(access, post)
    is_thread = kind == "thread"
    initial = {"body": post.body, "title": getattr(post, "title", "")}
    form = EditPostForm(request.POST or None, initial=initial, is_thread=is_thread)
    if request.method == "POST" and form.is_valid():
        services.edit_post(
            editor=request.user,
            post=post,
            body=form.cleaned_data["body"],
            title=form.cleaned_data.get("title") if is_thread else None,
        )
        messages.success(request, _("Your message is updated."))
        return redirect(post)
    return render(
        request,
        "spaces/post_edit.html",
        {"form": form, "space": space, "post": post, "is_thread": is_thread},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def post_delete(request, slug, kind, pk):
    """The post's author."""
    space, access = _space_and_access(request, slug)
    post = _post(space, kind, pk)
    permissions.check_edit_post_permission(access, post)
    services.delete_post(author=request.user, post=post)
    messages.success(request, _("Your message is deleted."))
    return redirect(post if kind == "reply" else space)


@login_required
@require_POST
def react(request, slug, kind, pk):
    """Members of the space and staff; HTMX swaps the reaction bar in place."""
    space, access = _space_and_access(request, slug)
    permissions.check_post_permission(access)
    post = _post(space, kind, pk)
    form = ReactionForm(request.POST)
    if not form.is_valid() or post.is_deleted:
        return render(request, "spaces/_bad_request.html", status=400)
    services.toggle_reaction(user=request.user, post=post, emoji=form.cleaned_data["emoji"])
    if request.htmx:
        return render(
            request,
            "spaces/_reactions.html",
            {
                "space": space,
                "kind": kind,
                "post": post,
                "reactions": _reaction_summary(post.reactions.all(), request.user),
                "emoji_choices": Reaction.Emoji.choices,
                "can_react": True,
            },
        )
    return redirect(post)


@login_required
@require_POST
def moderate_thread(request, slug, pk):
    """The space's moderators and staff: pin, unpin, lock, unlock."""
    space, access = _space_and_access(request, slug)
    permissions.check_moderate_permission(access)
    thread = _thread(space, pk)
    action = request.POST.get("action")
    if action in ("pin", "unpin"):
        services.set_pinned(moderator=request.user, thread=thread, pinned=action == "pin")
    elif action in ("lock", "unlock"):
        services.set_locked(moderator=request.user, thread=thread, locked=action == "lock")
    else:
        return render(request, "spaces/_bad_request.html", status=400)
    return redirect(thread)


@login_required
@require_POST
def accept(request, slug, pk):
    """The question's author, the space's moderators and staff."""
    space, access = _space_and_access(request, slug)
    thread = _thread(space, pk)
    permissions.check_accept_answer_permission(access, thread)
    reply_id = request.POST.get("reply")
    reply = None
    if reply_id:
        reply = get_object_or_404(
            thread.replies.shown(), pk=reply_id if str(reply_id).isdigit() else 0, deleted_at=None
        )
    services.accept_answer(by=request.user, thread=thread, reply=reply)
    if reply:
        messages.success(request, _("This reply is now the accepted answer."))
    return redirect(thread)


@login_required
@require_http_methods(["GET", "POST"])
def chat_room(request, slug):
    """Readers of the space see the chat; its members (and staff) write in it.
    Without JavaScript, the form posts here; with it, messages go over the WebSocket."""
    space, access = _space_and_access(request, slug)
    permissions.check_read_space_permission(access)
    form = ChatForm(request.POST or None)
    if request.method == "POST":
        permissions.check_post_permission(access)
        if form.is_valid():
            try:
                chat.post_message(access=access, body=form.cleaned_data["body"])
            except chat.ChatRefused as refusal:
                messages.error(request, refusal.message)
            return redirect("spaces:chat", slug=space.slug)
    before = request.GET.get("before")
    history = chat.recent_messages(space, before=int(before) if str(before).isdigit() else None)
    return render(
        request,
        "spaces/chat.html",
        {
            "space": space,
            "access": access,
            "tab": "chat",
            "history": history,
            "oldest": history[0].pk if history else None,
            "present": chat.present(space),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def attachment(request, slug, pk):
    """Readers of the space. Images show in the page; other files download."""
    space, access = _space_and_access(request, slug)
    permissions.check_read_space_permission(access)
    item = get_object_or_404(
        Attachment.objects.filter(Q(thread__space=space) | Q(reply__thread__space=space)), pk=pk
    )
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=not item.is_image,
        filename=item.name if not item.is_image else None,
        content_type=item.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def mention_suggestions(request, slug):
    """Members of the space who may post: who they can @mention, as an HTMX partial."""
    space, access = _space_and_access(request, slug)
    permissions.check_post_permission(access)
    profiles = mentions.mention_suggestions(space, request.GET.get("q", ""), viewer=request.user)
    return render(request, "spaces/_mention_suggestions.html", {"profiles": profiles})


def _reportable(space, kind, pk):
    if kind == "chat":
        return get_object_or_404(ChatMessage.objects.select_related("space"), pk=pk, space=space)
    return _post(space, kind, pk)


@login_required
@require_http_methods(["GET", "POST"])
def report(request, slug, kind, pk):
    """Anyone who may read the space reports a post or chat message to its moderators."""
    space, access = _space_and_access(request, slug)
    permissions.check_report_permission(access)
    item = _reportable(space, kind, pk)
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
    if request.POST.get("next"):
        return redirect(_safe_next(request, space))
    return redirect("spaces:moderation", slug=space.slug)


def _safe_next(request, space):
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return space.get_absolute_url()


@login_required
@require_POST
def moderate_member(request, slug, user_id):
    """The space's moderators and staff: mute, unmute or remove a member."""
    space, access = _space_and_access(request, slug)
    permissions.check_moderate_permission(access)
    membership = get_object_or_404(
        space.memberships.select_related("user__profile", "space"),
        user_id=user_id,
        state=Membership.State.ACTIVE,
    )
    action = request.POST.get("action")
    form = MuteForm(request.POST) if action == "mute" else ModerationForm(request.POST)
    if not form.is_valid() or action not in ("mute", "unmute", "remove"):
        messages.error(request, _("Choose a number of days between 1 and 365."))
        return redirect("spaces:moderation", slug=space.slug)
    name = membership.user.profile.name
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
