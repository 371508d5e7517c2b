"""Every write in spaces: joining, posting, reacting, moderating. Each records its activity."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

import analytics
from common.files import delete_files
from members import images
from members.live import access_changed
from spaces import attachments, chat
from spaces.markdown import render_markdown
from spaces.mentions import link_mentions, mentioned_profiles
from spaces.models import (
    Attachment,
    Membership,
    Mention,
    Reaction,
    Reply,
    Space,
    Thread,
    ThreadVisit,
)


def create_space(*, creator, form):
    """Create a space from a valid SpaceForm; its creator becomes its owner."""
    with transaction.atomic():
        space = form.save(commit=False)
        space.slug = _unique_slug(space.name)
        space.created_by = creator
        _set_cover(space, form.cleaned_data.get("cover_upload"))
        space.save()
        form.save_m2m()
        Membership.objects.create(
            space=space,
            user=creator,
            role=Membership.Role.OWNER,
            state=Membership.State.ACTIVE,
            joined_at=timezone.now(),
        )
        analytics.record(creator, "space.created", space, context=space)
    return space


def update_space(*, form):
    """Save a valid SpaceForm and its cover; a cover replaced or removed is deleted once the
    change is committed. A new visibility makes every open chat of the space re-check who
    may read it."""
    old_cover = form.instance.cover.name
    with transaction.atomic():
        space = form.save(commit=False)
        _set_cover(space, form.cleaned_data.get("cover_upload"))
        space.save()
        form.save_m2m()
        if space.cover.name != old_cover:
            storage = space.cover.storage
            transaction.on_commit(lambda: delete_files(storage, [old_cover]))
        if "visibility" in form.changed_data:
            access_changed(scope="space", pk=space.pk, groups=[chat.chat_group(space.pk)])
    return space


def join_space(*, access):
    """Join an open space, accept an invitation, or ask to join a private one.

    Idempotent: joining twice changes nothing.
    """
    space, user = access.space, access.user
    if access.is_member or access.has_requested:
        return access.membership
    with transaction.atomic():
        if access.is_invited:
            membership = access.membership
            membership.state = Membership.State.ACTIVE
            membership.joined_at = timezone.now()
            membership.save(update_fields=["state", "joined_at"])
        elif space.visibility == Space.Visibility.OPEN:
            membership, _created = Membership.objects.get_or_create(
                space=space,
                user=user,
                defaults={"state": Membership.State.ACTIVE, "joined_at": timezone.now()},
            )
        else:
            membership, _created = Membership.objects.get_or_create(
                space=space, user=user, defaults={"state": Membership.State.REQUESTED}
            )
        if membership.is_active:
            analytics.record(user, "space.joined", space, context=space)
        else:
            moderators = space.memberships.filter(
                state=Membership.State.ACTIVE,
                role__in=[Membership.Role.OWNER, Membership.Role.MODERATOR],
            ).values_list("user_id", flat=True)
            analytics.record(
                user,
                "space.join_requested",
                space,
                context=space,
                data=_about_space(space, notify=list(moderators), members_page=True),
            )
    return membership


def leave_space(*, access):
    """Leave a space (or withdraw a request). The last owner cannot leave."""
    membership = access.membership
    if membership is None:
        return False
    if (
        membership.role == Membership.Role.OWNER
        and not access.space.memberships.filter(role=Membership.Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    ):
        return False
    with transaction.atomic():
        membership.delete()
        analytics.record(access.user, "space.left", access.space, context=access.space)
        access_changed(scope="space", pk=access.space.pk, users=[access.user.pk])
    return True


def decide_join_request(*, moderator, membership, accept):
    with transaction.atomic():
        if accept:
            membership.state = Membership.State.ACTIVE
            membership.joined_at = timezone.now()
            membership.save(update_fields=["state", "joined_at"])
            verb = "space.request_accepted"
        else:
            membership.delete()
            verb = "space.request_declined"
        analytics.record(
            moderator,
            verb,
            membership.space,
            context=membership.space,
            data={
                "member": membership.user_id,
                **_about_space(membership.space, notify=[membership.user_id]),
            },
        )


def invite_member(*, inviter, space, user):
    """Invite a member. Idempotent: an existing membership or invitation is left as it is."""
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            space=space,
            user=user,
            defaults={"state": Membership.State.INVITED, "invited_by": inviter},
        )
        if created:
            analytics.record(
                inviter,
                "space.invited",
                space,
                context=space,
                data={"member": user.pk, **_about_space(space, notify=[user.pk])},
            )
    return membership


def set_role(*, manager, membership, role):
    with transaction.atomic():
        membership.role = role
        membership.save(update_fields=["role"])
        analytics.record(
            manager,
            "space.role_changed",
            membership.space,
            context=membership.space,
            data={"member": membership.user_id, "role": role},
        )


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
            data=_about(thread),
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
            "reply.created",
            reply,
            context=thread.space,
            data=_about(thread, notify=[thread.author_id], url=reply.get_absolute_url()),
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
                "answer.accepted",
                reply,
                context=thread.space,
                data=_about(thread, notify=[reply.author_id], url=reply.get_absolute_url()),
            )
    return thread


def mark_seen(*, user, thread):
    if user.is_authenticated:
        ThreadVisit.objects.update_or_create(
            user=user, thread=thread, defaults={"seen_at": timezone.now()}
        )


def _set_cover(space, upload):
    """A new upload becomes the cover, re-encoded (images.render_cover); False removes it."""
    if upload is False:
        space.cover = ""
    elif upload:
        space.cover = images.render_cover(upload)


def _attach(files, **post):
    """Store checked uploads ((upload, inspected) pairs) on a thread or a reply."""
    for upload, inspected in files or ():
        Attachment.objects.create(
            file=attachments.stored_file(upload, inspected),
            name=upload.name[:200],
            content_type=inspected.content_type,
            size=upload.size,
            is_image=inspected.is_image,
            **post,
        )


def _about(thread, *, notify=(), url=None):
    """What a notification needs: who to tell, a title and a link."""
    return {
        "notify": [pk for pk in notify if pk],
        "title": thread.title,
        "url": url or thread.get_absolute_url(),
    }


def _about_space(space, *, notify=(), members_page=False):
    url = reverse("spaces:members", args=[space.slug]) if members_page else space.get_absolute_url()
    return {"notify": [pk for pk in notify if pk], "title": space.name, "url": url}


def _record_mentions(author, thread, reply, profiles):
    others = [profile for profile in profiles if profile.user_id != author.pk]
    Mention.objects.bulk_create(
        [Mention(user=profile.user, thread=thread, reply=reply) for profile in others]
    )
    if others:
        post = reply or thread
        analytics.record(
            author,
            "member.mentioned",
            post,
            context=thread.space,
            data=_about(
                thread,
                notify=[profile.user_id for profile in others],
                url=post.get_absolute_url(),
            ),
        )


def _unique_slug(name):
    base = slugify(name)[:100] or "espace"
    slug, number = base, 2
    while Space.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _kind(post):
    return "thread" if isinstance(post, Thread) else "reply"


def _space_of(post):
    return post.space if isinstance(post, Thread) else post.thread.space
