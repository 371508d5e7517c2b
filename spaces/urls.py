from django.urls import path

from spaces.views import chat, moderation, posts, spaces

app_name = "spaces"

POST_KIND = "<str:kind>/<int:pk>"

urlpatterns = [
    path("", spaces.space_list, name="list"),
    path("new/", spaces.space_create, name="create"),
    path("moderation/", moderation.moderation_queue, name="moderation_all"),
    path("<slug:slug>/", spaces.space_detail, name="detail"),
    path("<slug:slug>/edit/", spaces.space_edit, name="edit"),
    path("<slug:slug>/knowledge/", spaces.knowledge, name="knowledge"),
    path("<slug:slug>/chat/", chat.chat_room, name="chat"),
    path("<slug:slug>/mentions/", posts.mention_suggestions, name="mentions"),
    path("<slug:slug>/moderation/", moderation.moderation_queue, name="moderation"),
    path(
        "<slug:slug>/members/<int:user_id>/moderate/",
        moderation.moderate_member,
        name="moderate_member",
    ),
    path("<slug:slug>/attachments/<int:pk>/", posts.attachment, name="attachment"),
    path("<slug:slug>/members/", spaces.members, name="members"),
    path("<slug:slug>/join/", spaces.join, name="join"),
    path("<slug:slug>/leave/", spaces.leave, name="leave"),
    path("<slug:slug>/invite/", spaces.invite, name="invite"),
    path("<slug:slug>/requests/<int:membership_id>/", spaces.decide_request, name="decide_request"),
    path("<slug:slug>/threads/new/", posts.thread_create, name="thread_create"),
    path("<slug:slug>/threads/<int:pk>/", posts.thread_detail, name="thread"),
    path("<slug:slug>/threads/<int:pk>/moderate/", posts.moderate_thread, name="moderate_thread"),
    path("<slug:slug>/threads/<int:pk>/accept/", posts.accept, name="accept"),
    path(f"<slug:slug>/{POST_KIND}/edit/", posts.post_edit, name="post_edit"),
    path(f"<slug:slug>/{POST_KIND}/delete/", posts.post_delete, name="post_delete"),
    path(f"<slug:slug>/{POST_KIND}/react/", posts.react, name="react"),
    path(f"<slug:slug>/{POST_KIND}/report/", moderation.report, name="report"),
    path(f"<slug:slug>/{POST_KIND}/moderate/", moderation.moderate_item, name="moderate_item"),
]
