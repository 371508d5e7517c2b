from community.models import Notification


def notifications(request):
    """The bell's count, for signed-in members."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.unread().filter(recipient=user).count()}
