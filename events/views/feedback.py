"""Pages of this part of events."""

urlpatterns = []
