"""WebSocket routes. Each app's consumers are wired here, as its URLs are in urls.py."""

from django.urls import path

from community import consumers
from events.consumers import LiveConsumer
from spaces.consumers import SpaceChatConsumer
from spaces.direct.consumers import ConversationConsumer

websocket_urlpatterns = [
    path("ws/me/", consumers.MemberChannelConsumer.as_asgi()),
    path("ws/spaces/<slug:slug>/chat/", SpaceChatConsumer.as_asgi()),
    path("ws/messages/<int:pk>/", ConversationConsumer.as_asgi()),
    path("ws/events/<slug:slug>/live/", LiveConsumer.as_asgi()),
]
