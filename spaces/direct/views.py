"""Pages of direct messages. Every page is for the conversation's participants only;
staff have no access to conversations, only to a reported message."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.pagination import CachedCountPaginator
from common.prepared import partial
from common.ratelimit import rate_limited
from common.redirects import redirect_to_next
from spaces.direct import permissions as direct_permissions
from spaces.direct import services as direct
from spaces.direct.forms import NewConversationForm
from spaces.forms import ChatForm, ReportForm
from spaces.models import Conversation, DirectMessage, Report
from spaces.services import chat, moderation

INBOX_PAGE_SIZE = 30


@login_required
def inbox(request):
    """The signed-in member's own conversations."""
    # The total (for the pages' numbers) is kept a minute; the rows are read on every visit,
    # so a new conversation is at the top at once.
    paginator = CachedCountPaginator(
        lambda: direct.conversations_for(request.user),
        INBOX_PAGE_SIZE,
        key_parts=("direct-inbox", request.user.pk),
        rows=lambda bottom, top: direct.inbox_page(request.user, bottom, top),
    )
    page = paginator.get_page(request.GET.get("page"))
    rows = [
        (conversation, [person.profile for person in conversation.others if person is not None])
        for conversation in page
    ]
    return render(request, "spaces/direct/inbox.html", {"page": page, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("conversation")
def new_conversation(request):
    """Signed-in members write to members they may reach (see spaces.direct)."""
    chosen = [
        pk
        for pk in request.GET.getlist("to") + request.POST.getlist("recipients")
        if pk.isdigit() and len(pk) < 19
    ]
    candidates = direct_permissions.pickable_recipients(request.user, chosen)
    form = NewConversationForm(
        request.POST or None, candidates=candidates, initial={"recipients": chosen}
    )
    if request.method == "POST" and form.is_valid():
        recipients = [profile.user for profile in form.cleaned_data["recipients"]]
        try:
            conversation = direct.start_conversation(
                sender=request.user, recipients=recipients, body=form.cleaned_data["body"]
            )
        except (PermissionDenied, chat.ChatRefused) as refusal:
            form.add_error(None, getattr(refusal, "message", None) or str(refusal))
        else:
            return redirect(conversation)
    return render(
        request,
        "spaces/direct/new.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("direct_message")
def conversation_detail(request, pk):
    """The conversation's participants only (not staff)."""
    form = ChatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _send(request, pk, form.cleaned_data["body"])
    participants = direct.participants_of(pk)
    direct_permissions.check_participant(
        request.user, None, participant_ids={user.pk for _, user in participants}
    )
    conversation = partial(Conversation, id=pk)
    history = direct.recent_messages(conversation)
    last_read_at = next(read for read, user in participants if user.pk == request.user.pk)
    direct.mark_shown_read(
        user=request.user, conversation=conversation, last_read_at=last_read_at, history=history
    )
    others = [user for _, user in participants if user.pk != request.user.pk]
    blocked = direct.blocked_among(request.user, [user.pk for user in others])
    return render(
        request,
        "spaces/direct/conversation.html",
        {
            "conversation": conversation,
            "others": [(user, user.pk in blocked) for user in others],
            "history": history,
            "form": form,
        },
    )


def _send(request, pk, body):
    conversation = get_object_or_404(Conversation, pk=pk)
    direct_permissions.check_participant(request.user, conversation)
    try:
        direct.send_message(sender=request.user, conversation=conversation, body=body)
    except chat.ChatRefused as refusal:
        messages.error(request, refusal.message)
    return redirect(conversation)


@login_required
@require_POST
@rate_limited("block")
def block(request, user_id):
    """Signed-in members block or unblock a member they may see or write with."""
    other = get_object_or_404(get_user_model().objects.select_related("profile"), pk=user_id)
    name = direct_permissions.check_block_permission(request.user, other)
    if request.POST.get("action") == "unblock":
        direct.unblock(blocker=request.user, blocked=other)
        messages.success(request, _("%(name)s is unblocked.") % {"name": name})
    else:
        direct.block(blocker=request.user, blocked=other)
        messages.success(
            request, _("%(name)s is blocked: no private message either way.") % {"name": name}
        )
    return redirect_to_next(request, "direct:inbox")


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("report")
def report_message(request, pk, message_id):
    """A participant reports a message of the conversation to staff."""
    conversation = get_object_or_404(Conversation, pk=pk)
    direct_permissions.check_participant(request.user, conversation)
    message = get_object_or_404(DirectMessage, pk=message_id, conversation=conversation)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        direct.report(reporter=request.user, message=message, **form.cleaned_data)
        messages.success(request, _("Thank you. The staff will look at this message."))
        return redirect(conversation)
    return render(
        request,
        "spaces/report_form.html",
        {"form": form, "item": message, "space": None, "kind": "direct"},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
@rate_limited("moderation")
def dismiss_report(request, report_id):
    """Staff: close a report of a private message."""
    direct_permissions.check_dismiss_report_permission(request.user)
    report = get_object_or_404(Report, pk=report_id, direct_message__isnull=False)
    moderation.dismiss_direct(moderator=request.user, report=report)
    messages.success(request, _("The report is dismissed."))
    return redirect("spaces:moderation_all")
