from django.core.cache import cache

from community import services
from spaces.direct import services as direct


def notifications(request):
    """The bell's and the messages' counts, for signed-in members (both kept in the cache
    by the services that change them: no query on most pages)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Both counts in one round trip to the cache.
    notifications, messages = services.unread_key(user.pk), direct.unread_key(user.pk)
    kept = cache.get_many([notifications, messages])
    return {
        "unread_notifications": services.unread_count(user, kept=kept.get(notifications)),
        "unread_messages": direct.unread_count(user, kept=kept.get(messages)),
    }
