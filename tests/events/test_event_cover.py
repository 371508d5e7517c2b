"""An event's cover, from the staff pages or the admin, is saved re-encoded (bounded WebP, no
metadata); the file it replaces goes once committed, unless another date still shows it."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from events.models import Event
from tests.events.test_admin import EVENTS
from tests.factories import event_form_data, exif_with_gps, image_upload
from tests.helpers import text, url


def assert_re_encoded(cover, size):
    assert cover.name.startswith("events/covers/")
    assert cover.name.endswith(".webp")
    with Image.open(cover.path) as picture:
        assert (picture.format, picture.size) == ("WEBP", size)
        assert not picture.getexif()
    assert b"PhoneMaker" not in Path(cover.path).read_bytes()


def admin_data(event, **overrides):
    local = event.starts_at.astimezone(event.zone)
    ends = event.ends_at.astimezone(event.zone)
    data = {
        "title": event.title,
        "slug": event.slug,
        "language": "fr",
        "description": "",
        "interests": "",
        "format": "in_person",
        "starts_at_0": local.strftime("%Y-%m-%d"),
        "starts_at_1": local.strftime("%H:%M"),
        "ends_at_0": ends.strftime("%Y-%m-%d"),
        "ends_at_1": ends.strftime("%H:%M"),
        "time_zone": event.time_zone,
        "venue": event.venue,
        "address": "",
        "online_url": "",
        "audience": "members",
        "capacity": "",
        "max_guests": "0",
        "meeting_minutes": "20",
        "is_published": "on",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "workshop_tables-TOTAL_FORMS": "0",
        "workshop_tables-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_cover_from_the_staff_pages_is_re_encoded_without_its_gps_position(staff_client):
    photo = image_upload(name="salle.jpg", size=(1000, 2000), exif=exif_with_gps())
    response = staff_client.post(url("create"), event_form_data(cover=photo))
    assert response.status_code == 302
    assert_re_encoded(Event.objects.get().cover, (450, 900))


def test_a_new_cover_deletes_the_old_file_once_committed_unless_a_date_shows_it(
    staff_client, make_event, django_capture_on_commit_callbacks
):
    staff_client.post(url("create"), event_form_data(cover=image_upload()))
    event = Event.objects.get()
    first = Path(event.cover.path)
    other_date = make_event(cover=event.cover.name)  # repeated dates share their cover

    staff_client.post(url("edit", event.slug), event_form_data(cover=image_upload(color=(1, 2, 3))))
    event.refresh_from_db()
    second = Path(event.cover.path)
    assert (first.exists(), second.exists()) == (True, True)  # other_date still shows it

    other_date.delete()
    with django_capture_on_commit_callbacks() as callbacks:
        staff_client.post(
            url("edit", event.slug), event_form_data(cover=image_upload(color=(9, 9, 9)))
        )
        assert second.exists()
    for callback in callbacks:
        callback()
    event.refresh_from_db()
    assert (second.exists(), Path(event.cover.path).exists()) == (False, True)


def test_an_event_saved_without_a_new_cover_keeps_its_own(staff_client):
    staff_client.post(url("create"), event_form_data(cover=image_upload()))
    event = Event.objects.get()
    kept = event.cover.name
    staff_client.post(url("edit", event.slug), event_form_data(venue="Salle paroissiale"))
    event.refresh_from_db()
    assert (event.cover.name, event.venue) == (kept, "Salle paroissiale")
    assert Path(event.cover.path).exists()


def test_a_cover_that_is_not_an_image_is_refused_with_a_clear_message(staff_client):
    fake = SimpleUploadedFile("affiche.jpg", b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg")
    response = staff_client.post(url("create"), event_form_data(cover=fake))
    assert response.status_code == 400
    assert (
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
        in text(response)
    )
    assert not Event.objects.exists()


def test_a_cover_from_the_admin_is_re_encoded_and_the_removed_one_deleted(
    staff_client, event, django_capture_on_commit_callbacks
):
    photo = image_upload(name="affiche.jpg", size=(4000, 1000), exif=exif_with_gps())
    response = staff_client.post(f"{EVENTS}{event.pk}/change/", admin_data(event, cover=photo))
    assert response.status_code == 302
    event.refresh_from_db()
    assert_re_encoded(event.cover, (1600, 400))
    path = Path(event.cover.path)

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"{EVENTS}{event.pk}/change/", admin_data(event, **{"cover-clear": "on"}))
    event.refresh_from_db()
    assert event.cover.name == ""
    assert not path.exists()


def test_the_admin_refuses_an_image_too_large_to_use(staff_client, event, settings):
    settings.MAILLAGE_IMAGE_MAX_BYTES = 1000
    photo = image_upload(size=(400, 400))
    response = staff_client.post(f"{EVENTS}{event.pk}/change/", admin_data(event, cover=photo))
    assert response.status_code == 200
    assert "the largest accepted is 1000\xa0bytes." in text(response)
    event.refresh_from_db()
    assert event.cover.name == ""
