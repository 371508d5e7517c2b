"""A space's cover is saved re-encoded (bounded WebP, no metadata); the file it replaces goes."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from spaces.models import Space
from tests.factories import exif_with_gps, image_upload, make_space, space_form_data


def edit(client, space, **data):
    return client.post(f"/en/spaces/{space.slug}/edit/", space_form_data(name=space.name, **data))


def test_a_new_spaces_cover_is_re_encoded_without_its_gps_position(staff_client):
    photo = image_upload(name="chez-moi.jpg", size=(3000, 2000), exif=exif_with_gps())
    assert b"PhoneMaker" in photo.read()
    photo.seek(0)
    response = staff_client.post("/en/spaces/new/", space_form_data(cover_upload=photo))
    assert response.status_code == 302
    cover = Space.objects.get().cover
    assert cover.name.startswith("spaces/covers/")
    assert cover.name.endswith(".webp")
    assert "chez-moi" not in cover.name
    with Image.open(cover.path) as picture:
        assert (picture.format, picture.size) == ("WEBP", (1350, 900))
        assert not picture.getexif()
    assert b"PhoneMaker" not in Path(cover.path).read_bytes()
    served = staff_client.get(cover.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == Path(cover.path).read_bytes()


def test_a_replaced_or_removed_cover_is_deleted_once_committed(
    alice_client, alice, django_capture_on_commit_callbacks
):
    space = make_space("Jardins", owner=alice)
    assert edit(alice_client, space, cover_upload=image_upload()).status_code == 302
    space.refresh_from_db()
    first = Path(space.cover.path)
    assert "cover_upload-clear" in alice_client.get(f"/en/spaces/{space.slug}/edit/").text

    with django_capture_on_commit_callbacks() as callbacks:
        edit(alice_client, space, cover_upload=image_upload(color=(10, 120, 60)))
        assert first.exists()
    for callback in callbacks:
        callback()
    space.refresh_from_db()
    second = Path(space.cover.path)
    assert (first.exists(), second.exists()) == (False, True)

    with django_capture_on_commit_callbacks(execute=True):
        edit(alice_client, space, **{"cover_upload-clear": "on"})
    space.refresh_from_db()
    assert space.cover.name == ""
    assert not second.exists()


def test_a_space_without_a_new_cover_keeps_its_own(alice_client, alice):
    space = make_space("Jardins", owner=alice)
    edit(alice_client, space, cover_upload=image_upload())
    space.refresh_from_db()
    kept = space.cover.name
    assert edit(alice_client, space, description="Autre chose").status_code == 302
    space.refresh_from_db()
    assert (space.cover.name, space.description) == (kept, "Autre chose")
    assert Path(space.cover.path).exists()


def test_a_cover_that_is_not_an_image_is_refused_with_a_clear_message(staff_client):
    fake = SimpleUploadedFile("couverture.jpg", b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg")
    response = staff_client.post("/en/spaces/new/", space_form_data(cover_upload=fake))
    assert response.status_code == 400
    assert (
        "This file is not an image we can read. Use a JPEG, PNG, WebP or GIF image."
        in response.content.decode()
    )
    assert not Space.objects.exists()
