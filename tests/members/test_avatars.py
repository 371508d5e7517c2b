import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.models import Profile
from tests.factories import exif_with_gps, image_upload, profile_form_data


def upload(client, profile, file, **overrides):
    return client.post(
        f"/en/members/{profile.pk}/edit/", {**profile_form_data(**overrides), "avatar_upload": file}
    )


def test_avatar_is_cropped_resized_and_stripped_of_exif(alice_client, alice):
    file = image_upload(size=(1200, 800), exif=exif_with_gps())
    response = upload(alice_client, alice.profile, file)
    assert response.status_code == 302
    profile = Profile.objects.get(user=alice)
    with Image.open(profile.avatar.path) as avatar:
        assert avatar.size == (512, 512)
        assert avatar.format == "WEBP"
        assert not avatar.getexif()
        assert "exif" not in avatar.info
    with Image.open(profile.avatar_thumbnail.path) as thumbnail:
        assert thumbnail.size == (96, 96)
    assert "photo" not in profile.avatar.name


def test_avatar_thumbnail_is_served_in_the_directory(alice_client, alice):
    upload(alice_client, alice.profile, image_upload())
    alice.profile.refresh_from_db()
    page = alice_client.get("/en/members/").content.decode()
    assert f'src="{alice.profile.avatar_thumbnail.url}" width="48" height="48"' in page
    assert alice_client.get(alice.profile.avatar_thumbnail.url).status_code == 200


def test_replacing_the_avatar_deletes_the_old_files(
    alice_client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(alice_client, alice.profile, image_upload())
    first = Profile.objects.get(user=alice)
    old_path = first.avatar.path
    with django_capture_on_commit_callbacks(execute=True):
        upload(alice_client, alice.profile, image_upload(color=(10, 10, 200)))
    second = Profile.objects.get(user=alice)
    assert second.avatar.path != old_path
    assert not (first.avatar.storage.exists(first.avatar.name))


def test_member_removes_their_avatar(alice_client, alice, django_capture_on_commit_callbacks):
    upload(alice_client, alice.profile, image_upload())
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(
            f"/en/members/{alice.profile.pk}/edit/", {**profile_form_data(), "remove_avatar": "on"}
        )
    profile = Profile.objects.get(user=alice)
    assert not profile.avatar
    assert not profile.avatar_thumbnail


def test_a_40_mb_avatar_is_refused_with_its_size(alice_client, alice):
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (40 * 1024 * 1024), "image/jpeg")
    response = upload(alice_client, alice.profile, big, pronouns="iel")
    assert response.status_code == 400
    assert (
        "This image is 40.0\xa0MB; the largest accepted is 5.0\xa0MB." in response.content.decode()
    )
    alice.profile.refresh_from_db()
    assert not alice.profile.avatar
    assert alice.profile.pronouns == ""


def test_a_text_file_renamed_png_is_refused(alice_client, alice):
    fake = SimpleUploadedFile("avatar.png", b"just some text, not an image\n" * 20, "image/png")
    response = upload(alice_client, alice.profile, fake)
    assert response.status_code == 400
    assert "This file is not an image we can read." in response.content.decode()
    alice.profile.refresh_from_db()
    assert not alice.profile.avatar


def test_a_decompression_bomb_is_refused(alice_client, alice):
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG")
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue(), "image/png")
    assert bomb.size < 1024 * 1024
    response = upload(alice_client, alice.profile, bomb)
    assert response.status_code == 400
    assert "This image has too many pixels to be used here." in response.content.decode()
    alice.profile.refresh_from_db()
    assert not alice.profile.avatar


def test_an_image_in_an_unsupported_format_is_refused(alice_client, alice):
    response = upload(alice_client, alice.profile, image_upload(name="a.bmp", fmt="BMP"))
    assert response.status_code == 400
    assert "Use a JPEG, PNG, WebP or GIF image." in response.content.decode()


def test_staff_take_down_an_avatar_from_the_admin(
    client, alice, staff_with_totp, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from members.models import Profile

    profile = alice.profile
    profile.avatar.save("a.webp", ContentFile(b"x"), save=False)
    profile.avatar_thumbnail.save("t.webp", ContentFile(b"y"), save=False)
    profile.save()
    paths = [profile.avatar.path, profile.avatar_thumbnail.path]
    client.force_login(staff_with_totp)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/admin/members/profile/",
            {"action": "remove_avatars", "_selected_action": [profile.pk]},
            follow=True,
        )
    assert "1 avatar removed." in response.content.decode()
    profile = Profile.objects.get(pk=profile.pk)
    assert (profile.avatar.name, profile.avatar_thumbnail.name) == ("", "")
    import os

    assert not any(os.path.exists(path) for path in paths)
