from community import services
from spaces.direct import services as direct


def notifications(request):
    """The bell's and the messages' counts, for signed-in members (both kept in the cache
    by the services that change them: no query on most pages)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": services.unread_count(user),
        "unread_messages": direct.unread_count(user),
    }
