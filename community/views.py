from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django.views.static import serve

from common import files
from common.pagination import CachedCountPaginator
from common.prepared import ID, SHAPE, Prepared
from common.ratelimit import rate_limited
from common.redirects import safe_next
from community import feed as community_feed
from community import notifications as community_notifications
from community import services as community_services
from community.forms import NotificationSettingsForm
from community.models import Notification
from members import queries as member_queries
from members import services as member_services
from spaces import queries as space_queries

# How many spaces the home page suggests.
SUGGESTED_SPACES = 4


def home(request):
    """Anyone: visitors see what Maillage is, members their feed and people to meet."""
    context = {}
    if request.user.is_authenticated:
        feed = community_feed.home_feed(
            request.user, before=community_feed.parse_before(request.GET.get("before"))
        )
        context["feed"] = feed
        if request.htmx:
            return render(request, "community/_feed.html", context)
        # What the page shows of members (the greeting, the people to meet, the popular
        # interests) and the ranking of the spaces suggested, in one read of the cache; the
        # member's interests rank the spaces too.
        links_key = space_queries.suggested_links_key(request.user, SUGGESTED_SPACES)
        kept = cache.get_many([*member_queries.home_summary_keys(request.user), links_key])
        mine = member_queries.home_summary(request.user, kept=kept)
        context["suggested_spaces"] = space_queries.suggested_space_links(
            request.user,
            limit=SUGGESTED_SPACES,
            interest_ids=mine.interest_ids,
            kept=kept.get(links_key),
        )
        context["people_to_meet"] = [(card, card.shared) for card in mine.people_to_meet]
        context["has_interests"] = bool(mine.interest_ids)
        context["my_name"] = mine.name
        context["popular_interests"] = mine.popular_interests
    return render(request, "community/home.html", context)


@require_POST
def set_language(request):
    """Anyone: switch the interface language; a member's choice is remembered for emails."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if translation.check_for_language(language):
        member_services.set_preferred_language(user=request.user, language=language)
    return response


def admin_login(request, extra_context=None):
    """The admin signs in through allauth, so that two-factor authentication applies."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(safe_next(request, "admin:index"))


def media(request, path):
    """Anyone with the link: public media (avatars, covers) carry unguessable names. Only a
    plainly written path inside MEDIA_ROOT is served; private files live outside it."""
    if not files.is_plain_media_path(path):
        raise Http404
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:  # a name the file system refuses: too long, say
        raise Http404 from error


@login_required
def notification_list(request):
    """Signed-in members: their own notifications, newest first."""
    # The total (for the pages' numbers) is kept a minute; the page is read on every visit
    # by a query compiled once (common.prepared), so a new notification is at the top.
    paginator = CachedCountPaginator(
        lambda: _notifications_of(request.user.pk),
        NOTIFICATIONS_PER_PAGE,
        key_parts=("notifications", request.user.pk),
        rows=lambda bottom, top: _NOTIFICATIONS_PAGE(
            recipient=request.user.pk, bottom=bottom, top=top
        ),
    )
    page = paginator.get_page(request.GET.get("page"))
    items = [
        (notification, community_notifications.text_of(notification))
        for notification in community_notifications.mark_withdrawn(page)
    ]
    return render(request, "community/notifications.html", {"page": page, "items": items})


NOTIFICATIONS_PER_PAGE = 30


def _notifications_of(recipient):
    return Notification.objects.filter(recipient=recipient).select_related(
        "actor__profile", "recipient"
    )


_NOTIFICATIONS_PAGE = Prepared(
    lambda recipient, bottom, top: _notifications_of(recipient)[bottom:top],
    # One plan for a member with a few notifications or thousands (Notification's index).
    recipient=ID,
    bottom=SHAPE,
    top=SHAPE,
)


@login_required
def notification_open(request, pk):
    """The recipient only: mark the notification read and follow its link."""
    notification = get_object_or_404(
        Notification.objects.select_related("recipient"), pk=pk, recipient=request.user
    )
    community_services.mark_read(user=request.user, notification=notification)
    [notification] = community_notifications.mark_withdrawn([notification])
    if notification.withdrawn:
        messages.info(request, community_notifications.text_of(notification))
        return redirect("notifications")
    return redirect(community_notifications.link_of(notification))


@login_required
@require_POST
@rate_limited("settings")
def notifications_mark_all_read(request):
    """Signed-in members, for their own notifications."""
    community_services.mark_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications")


@login_required
@rate_limited("settings")
def notification_settings(request):
    """Signed-in members: which notifications also come by email."""
    preferences = community_notifications.settings_for(request.user)
    form = NotificationSettingsForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notification_settings")
    return render(request, "community/notification_settings.html", {"form": form})
