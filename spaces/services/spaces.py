"""Writes about spaces and who is in them: create, edit, join, leave, requests,
invitations, roles. Each records its activity; sockets hear of lost access on commit."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

import analytics
from common import images
from common.files import delete_files
from common.live import access_changed
from spaces import notifications
from spaces.models import Membership, Space
from spaces.services import chat


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
                notifications.JOIN_REQUESTED,
                space,
                context=space,
                data=_about_space(space, notify=list(moderators)),
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
            kind = notifications.REQUEST_ACCEPTED
        else:
            membership.delete()
            kind = notifications.REQUEST_DECLINED
        analytics.record(
            moderator,
            kind,
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
                notifications.INVITED,
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


def _set_cover(space, upload):
    """A new upload becomes the cover, re-encoded (images.render_cover); False removes it."""
    if upload is False:
        space.cover = ""
    elif upload:
        space.cover = images.render_cover(upload)


def _about_space(space, *, notify=()):
    """Who to tell, and the title; the link is the kind's (spaces.notifications)."""
    return {"notify": [pk for pk in notify if pk], "title": space.name}


def _unique_slug(name):
    base = slugify(name)[:100] or "espace"
    slug, number = base, 2
    while Space.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
