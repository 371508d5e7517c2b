from django.urls import path

from spaces import views

app_name = "spaces"

POST_KIND = "<str:kind>/<int:pk>"

urlpatterns = [
    path("", views.space_list, name="list"),
    path("new/", views.space_create, name="create"),
    path("moderation/", views.moderation_queue, name="moderation_all"),
    path("<slug:slug>/", views.space_detail, name="detail"),
    path("<slug:slug>/edit/", views.space_edit, name="edit"),
    path("<slug:slug>/knowledge/", views.knowledge, name="knowledge"),
    path("<slug:slug>/chat/", views.chat_room, name="chat"),
    path("<slug:slug>/mentions/", views.mention_suggestions, name="mentions"),
    path("<slug:slug>/moderation/", views.moderation_queue, name="moderation"),
    path(
        "<slug:slug>/members/<int:user_id>/moderate/", views.moderate_member, name="moderate_member"
    ),
    path("<slug:slug>/attachments/<int:pk>/", views.attachment, name="attachment"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path("<slug:slug>/requests/<int:membership_id>/", views.decide_request, name="decide_request"),
    path("<slug:slug>/threads/new/", views.thread_create, name="thread_create"),
    path("<slug:slug>/threads/<int:pk>/", views.thread_detail, name="thread"),
    path("<slug:slug>/threads/<int:pk>/moderate/", views.moderate_thread, name="moderate_thread"),
    path("<slug:slug>/threads/<int:pk>/accept/", views.accept, name="accept"),
    path(f"<slug:slug>/{POST_KIND}/edit/", views.post_edit, name="post_edit"),
    path(f"<slug:slug>/{POST_KIND}/delete/", views.post_delete, name="post_delete"),
    path(f"<slug:slug>/{POST_KIND}/react/", views.react, name="react"),
    path(f"<slug:slug>/{POST_KIND}/report/", views.report, name="report"),
    path(f"<slug:slug>/{POST_KIND}/moderate/", views.moderate_item, name="moderate_item"),
]
