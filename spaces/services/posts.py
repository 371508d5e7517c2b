"""Writes about threads and replies: posting, editing, deleting, reactions, pins and
locks, accepted answers, mentions and attachments. Each records its activity."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

import analytics
from common import uploads
from common.files import delete_files
from common.markdown import render_markdown
from spaces import notifications
from spaces.mentions import link_mentions, mentioned_profiles
from spaces.models import Attachment, Mention, Reaction, Reply, Space, Thread, ThreadVisit


def start_thread(*, access, form):
    """Open a thread from a valid ThreadForm."""
    now = timezone.now()
    with transaction.atomic():
        thread = form.save(commit=False)
        thread.space = access.space
        thread.author = access.user
        mentioned = mentioned_profiles(thread.body, access.space, access.user)
        thread.body_html = render_markdown(link_mentions(thread.body, mentioned))
        thread.last_activity_at = now
        thread.save()
        form.save_m2m()
        _attach(form.cleaned_data.get("attachments"), thread=thread)
        Space.objects.filter(pk=access.space.pk).update(last_activity_at=now)
        ThreadVisit.objects.update_or_create(
            user=access.user, thread=thread, defaults={"seen_at": now}
        )
        analytics.record(
            access.user,
            f"{thread.kind}.created",
            thread,
            context=access.space,
            data={"title": thread.title, "url": thread.get_absolute_url()},
        )
        _record_mentions(access.user, thread, None, mentioned)
    return thread


def reply_to_thread(*, access, thread, body, files=()):
    now = timezone.now()
    mentioned = mentioned_profiles(body, thread.space, access.user)
    with transaction.atomic():
        reply = Reply.objects.create(
            thread=thread,
            author=access.user,
            body=body,
            body_html=render_markdown(link_mentions(body, mentioned)),
        )
        _attach(files, reply=reply)
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_activity_at=now
        )
        Space.objects.filter(pk=thread.space_id).update(last_activity_at=now)
        ThreadVisit.objects.update_or_create(
            user=access.user, thread=thread, defaults={"seen_at": now}
        )
        analytics.record(
            access.user,
            notifications.REPLY_CREATED,
            reply,
            context=thread.space,
            data=_about(thread, notify=[thread.author_id]),
        )
        _record_mentions(access.user, thread, reply, mentioned)
    return reply


def edit_post(*, editor, post, body, title=None, fields=()):
    """Change a thread's or reply's text; the post shows it was edited. The admin passes
    the other `fields` its form changed, saved in the same write."""
    post.body = body
    render_body(post)
    post.edited_at = timezone.now()
    fields = ["body", "body_html", "edited_at", *fields]
    if title is not None:
        post.title = title
        fields.append("title")
    with transaction.atomic():
        post.save(update_fields=list(dict.fromkeys(fields)))
        analytics.record(editor, f"{_kind(post)}.edited", post, context=_space_of(post))
    return post


def render_body(post):
    """What readers see of a post: its Markdown rendered and sanitized, mentions linked."""
    if post.author is None:
        post.body_html = render_markdown(post.body)
        return
    mentioned = mentioned_profiles(post.body, _space_of(post), post.author)
    post.body_html = render_markdown(link_mentions(post.body, mentioned))


def refresh_mentions_of(user):
    """Render again the posts that mention a member whose visibility changed: a hidden or
    deactivated member's @handle is no longer a link, and is one again when they return."""
    mentions = Mention.objects.filter(user=user).select_related(
        "thread__space", "thread__author", "reply__thread__space", "reply__author"
    )
    for mention in mentions:
        post = mention.reply or mention.thread
        if post.is_deleted:
            continue
        render_body(post)
        type(post).objects.filter(pk=post.pk).update(body_html=post.body_html)


def delete_post(*, author, post):
    """Delete a post softly: its place in the thread stays, its words and its attachments go
    (their files once the deletion is committed)."""
    with transaction.atomic():
        post.body = ""
        post.body_html = ""
        post.deleted_at = timezone.now()
        post.save(update_fields=["body", "body_html", "deleted_at"])
        files = list(post.attachments.values_list("file", flat=True))
        if files:
            post.attachments.all().delete()
            storage = Attachment._meta.get_field("file").storage
            transaction.on_commit(lambda: delete_files(storage, files))
        analytics.record(author, f"{_kind(post)}.deleted", post, context=_space_of(post))
    return post


def toggle_reaction(*, user, post, emoji):
    """Add the reaction, or take it back if it was there. Returns True when added."""
    target = {"thread": post} if isinstance(post, Thread) else {"reply": post}
    with transaction.atomic():
        removed, _ = Reaction.objects.filter(user=user, emoji=emoji, **target).delete()
        if removed:
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(user=user, emoji=emoji, **target)
        except IntegrityError:
            return True
        analytics.record(
            user, "reaction.added", post, context=_space_of(post), data={"emoji": emoji}
        )
    return True


def set_pinned(*, moderator, thread, pinned):
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(is_pinned=pinned)
        verb = "thread.pinned" if pinned else "thread.unpinned"
        analytics.record(moderator, verb, thread, context=thread.space)


def set_locked(*, moderator, thread, locked):
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(is_locked=locked)
        verb = "thread.locked" if locked else "thread.unlocked"
        analytics.record(moderator, verb, thread, context=thread.space)


def accept_answer(*, by, thread, reply):
    """Mark one reply as the question's answer (or none, with reply=None). Accepting the
    answer already accepted (a double submit) changes nothing and tells nobody again."""
    with transaction.atomic():
        accepted = (
            Thread.objects.select_for_update()
            .values_list("accepted_reply_id", flat=True)
            .get(pk=thread.pk)
        )
        if accepted == (reply.pk if reply else None):
            return thread
        thread.accepted_reply = reply
        thread.answered_at = timezone.now() if reply else None
        thread.save(update_fields=["accepted_reply", "answered_at"])
        if reply is not None:
            analytics.record(
                by,
                notifications.ANSWER_ACCEPTED,
                reply,
                context=thread.space,
                data=_about(thread, notify=[reply.author_id]),
            )
    return thread


def mark_seen(*, user, thread):
    """A member who opens a thread again costs one UPDATE (not a transaction with a
    locking read), or nothing when the thread was read with their last visit (`seen_at`,
    spaces.views) and nothing happened in it since; the first visit creates the row."""
    if not user.is_authenticated:
        return
    seen_at = getattr(thread, "seen_at", None)
    if seen_at is not None and seen_at >= thread.last_activity_at:
        return
    now = timezone.now()
    if not ThreadVisit.objects.filter(user=user, thread=thread).update(seen_at=now):
        ThreadVisit.objects.update_or_create(user=user, thread=thread, defaults={"seen_at": now})


def _attach(files, **post):
    """Store checked uploads ((upload, inspected) pairs) on a thread or a reply."""
    for upload, inspected in files or ():
        Attachment.objects.create(
            file=uploads.stored_file(upload, inspected),
            name=upload.name[:200],
            content_type=inspected.content_type,
            size=upload.size,
            is_image=inspected.is_image,
            **post,
        )


def _about(thread, *, notify):
    """What a notification needs: who to tell and a title (the link is the kind's)."""
    return {"notify": [pk for pk in notify if pk], "title": thread.title}


def _record_mentions(author, thread, reply, profiles):
    others = [profile for profile in profiles if profile.user_id != author.pk]
    Mention.objects.bulk_create(
        [Mention(user=profile.user, thread=thread, reply=reply) for profile in others]
    )
    if others:
        post = reply or thread
        analytics.record(
            author,
            notifications.MEMBER_MENTIONED,
            post,
            context=thread.space,
            data=_about(thread, notify=[profile.user_id for profile in others]),
        )


def _kind(post):
    return "thread" if isinstance(post, Thread) else "reply"


def _space_of(post):
    return post.space if isinstance(post, Thread) else post.thread.space
