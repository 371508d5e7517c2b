"""Threads and replies: writing, editing, reacting, answering, attachments, mentions."""

from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import BooleanField, IntegerField, Q, Value
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.files import private_file_response
from common.pagination import PreparedPaginator
from common.prepared import ID, ID_LIST, SHAPE, Prepared
from common.ratelimit import rate_limited
from spaces import mentions, permissions, services
from spaces.forms import (
    EditPostForm,
    ReactionForm,
    ReplyForm,
    ThreadForm,
)
from spaces.models import (
    Attachment,
    Reaction,
    Reply,
)
from spaces.views._common import (
    REPLIES_PER_PAGE,
    _post,
    _reaction_summary,
    _space_and_access,
    _summary_of,
    _thread,
    _thread_to_read,
)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("thread")
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


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("reply")
def thread_detail(request, slug, pk):
    """Readers of the space; members reply (moderators only, once the thread is locked)."""
    space, access = _space_and_access(request, slug)
    permissions.check_read_space_permission(access)
    moderator = access.can_moderate
    thread = _thread_to_read(space, pk, request.user, moderator=moderator)
    permissions.check_read_thread_permission(access, thread)
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
    # The page's replies by a query compiled once (common.prepared), their count read
    # with the thread.
    read = _ALL_REPLIES if moderator else _SHOWN_REPLIES
    page = PreparedPaginator(
        lambda: thread.reply_total,
        lambda bottom, _top: read(thread=thread.pk, offset=bottom),
        REPLIES_PER_PAGE,
    ).get_page(request.GET.get("page"))
    for reply in page.object_list:
        reply.thread = thread
    services.mark_seen(user=request.user, thread=thread)
    files, reactions = _files_and_reactions(thread, page.object_list)
    thread_key = ("thread", thread.pk)
    return render(
        request,
        "spaces/thread_detail.html",
        {
            "space": space,
            "access": access,
            "thread": thread,
            "thread_reactions": _summary_of(reactions.get(thread_key, ()), request.user),
            "thread_files": files.get(thread_key, []),
            "page": page,
            "replies": [
                (
                    reply,
                    _summary_of(reactions.get(("reply", reply.pk), ()), request.user),
                    files.get(("reply", reply.pk), []),
                )
                for reply in page
            ],
            "form": form,
            "emoji_choices": Reaction.Emoji.choices,
            "can_accept": thread.is_question
            and (thread.author_id == request.user.pk or access.can_moderate),
        },
        status=400 if form.errors else 200,
    )


def _replies(thread, moderator):
    """A thread's replies in order; hidden ones for moderators only."""
    replies = Reply.objects.filter(thread=thread).select_related("author__profile")
    return (
        replies.order_by("created_at", "pk")
        if moderator
        else replies.shown().order_by("created_at", "pk")
    )


def _replies_page(moderator):
    return Prepared(
        lambda thread, offset: _replies(thread, moderator)[offset : offset + REPLIES_PER_PAGE],
        thread=ID,
        offset=SHAPE,  # one plan for a thread of any length (spaces.models.Reply's index)
    )


_SHOWN_REPLIES = _replies_page(moderator=False)
_ALL_REPLIES = _replies_page(moderator=True)


def _files_and_reactions(thread, replies):
    """The attachments and the reactions of the thread and of the replies shown, in one
    query compiled once (common.prepared): {("thread" or "reply", pk): [...]}, the
    reactions as (emoji, user id)."""
    files, reactions = {}, {}
    for thread_id, reply_id, key, text, size, is_image in _FILES_AND_REACTIONS(
        thread=thread.pk, replies=[reply.pk for reply in replies]
    ):
        owner = ("reply", reply_id) if reply_id else ("thread", thread_id)
        if size is None:  # a reaction: a file always has a size
            reactions.setdefault(owner, []).append((text, key))
        else:
            files.setdefault(owner, []).append(_File(key, text, size, is_image))
    return files, reactions


class _File(NamedTuple):
    """An attachment as a post shows it (spaces.templatetags.post_parts)."""

    pk: int
    name: str
    size: int
    is_image: bool


def _on_page(thread, replies):
    return Q(thread=thread, reply=None) | Q(reply_id__in=replies)


def _files_and_reactions_of(thread, replies):
    """The page's attachments (key, name, size, is_image) and its reactions (user, emoji,
    no size) in the same columns, by one query where the page had two."""
    files = Attachment.objects.filter(_on_page(thread, replies)).values_list(
        "thread_id", "reply_id", "pk", "name", "size", "is_image"
    )
    reactions = (
        Reaction.objects.filter(_on_page(thread, replies))
        .annotate(
            no_size=Cast(Value(None), IntegerField()),
            no_image=Cast(Value(None), BooleanField()),
        )
        .values_list("thread_id", "reply_id", "user_id", "emoji", "no_size", "no_image")
    )
    return files.union(reactions, all=True).order_by("pk")


_FILES_AND_REACTIONS = Prepared(_files_and_reactions_of, thread=ID, replies=ID_LIST)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("post_edit")
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
@rate_limited("post_edit")
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
@rate_limited("reaction")
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
@rate_limited("moderation")
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
@rate_limited("moderation")
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
def attachment(request, slug, pk):
    """Readers of the space, while the post stands (check_download_attachment_permission).
    Images show in the page; other files download."""
    space, access = _space_and_access(request, slug)
    item = get_object_or_404(
        Attachment.objects.select_related("thread", "reply__thread").filter(
            Q(thread__space=space) | Q(reply__thread__space=space)
        ),
        pk=pk,
    )
    permissions.check_download_attachment_permission(access, item)
    response = private_file_response(
        item.file,
        content_type=item.content_type,
        filename=None if item.is_image else item.name,
        as_attachment=not item.is_image,
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
