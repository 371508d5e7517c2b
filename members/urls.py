from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.my_profile, name="me"),
    path("me/edit/", views.my_profile_edit, name="me_edit"),
    path("<int:pk>/", views.profile_detail, name="profile"),
    path("<int:pk>/edit/", views.profile_edit, name="profile_edit"),
]
