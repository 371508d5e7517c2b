from django.urls import path

from spaces.direct import views

app_name = "direct"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.new_conversation, name="new"),
    path("<int:pk>/", views.conversation_detail, name="conversation"),
    path("<int:pk>/report/<int:message_id>/", views.report_message, name="report"),
    path("block/<int:user_id>/", views.block, name="block"),
    path("reports/<int:report_id>/dismiss/", views.dismiss_report, name="dismiss_report"),
]
