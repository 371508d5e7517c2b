from community.models import Notification
from spaces.direct import services as direct


def notifications(request):
    """The bell's and the messages' counts, for signed-in members."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": Notification.objects.unread().filter(recipient=user).count(),
        "unread_messages": direct.unread_count(user),
    }
