"""A space's chat page (the live part is spaces.consumers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from common.ratelimit import rate_limited
from spaces import permissions
from spaces.forms import (
    ChatForm,
)
from spaces.services import chat
from spaces.views._common import (
    _space_and_access,
)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("chat_message")
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
    history = chat.page_messages(space, before=int(before) if str(before).isdigit() else None)
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
