"""Who downloads an attachment, and how: readers while the post stands, through the app or
the proxy (X-Accel-Redirect); a deleted post's files are gone; old files moved to the
private storage."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile

from spaces import services
from spaces.models import Attachment
from spaces.services import moderation
from tests.factories import make_reply, make_space, make_thread

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
CSP = "default-src 'none'; img-src 'self'; sandbox"


def attach(post, content=PDF, name="budget.pdf", **fields):
    kind = {"reply": post} if hasattr(post, "thread_id") else {"thread": post}
    values = {"content_type": "application/pdf", "size": len(content), "is_image": False}
    values.update(fields)
    return Attachment.objects.create(
        file=ContentFile(content, name="f00d.pdf"), name=name, **kind, **values
    )


def download(client, user, attachment):
    client.force_login(user)
    return client.get(attachment.get_absolute_url())


@pytest.fixture
def space(alice, bob, carol):
    """An open space: alice owns it, carol moderates it, bob is a member; dan may read it."""
    return make_space("Jardins", owner=alice, moderator=carol, members=[bob])


def test_a_reader_downloads_the_file_streamed_by_the_app(client, space, alice, dan):
    attachment = attach(make_thread(space, alice))
    response = download(client, dan, attachment)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="budget.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == CSP
    assert response["Cache-Control"] == "private, max-age=3600"
    assert "X-Accel-Redirect" not in response


def test_outsiders_get_404_for_a_private_or_secret_spaces_files(client, alice, dan):
    for visibility in ("private", "secret"):
        thread = make_thread(
            make_space(f"Comité {visibility}", owner=alice, visibility=visibility), alice
        )
        assert download(client, dan, attach(thread)).status_code == 404


def test_visitors_are_sent_to_sign_in(client, space, alice):
    attachment = attach(make_thread(space, alice))
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={attachment.get_absolute_url()}"


def test_an_attachment_is_found_only_under_its_own_space(client, space, alice):
    other = make_space("Autre", owner=alice)
    attachment = attach(make_thread(space, alice))
    client.force_login(alice)
    assert client.get(f"/en/spaces/{other.slug}/attachments/{attachment.pk}/").status_code == 404


def test_a_hidden_posts_files_go_to_moderators_and_staff_only(
    client, space, alice, bob, carol, dan, staff_with_totp
):
    thread = make_thread(space, alice)
    reply = make_reply(thread, bob)
    on_thread, on_reply = attach(thread), attach(reply)
    moderation.hide(moderator=carol, space=space, item=reply)
    assert download(client, bob, on_reply).status_code == 404
    assert download(client, dan, on_reply).status_code == 404
    assert download(client, bob, on_thread).status_code == 200
    assert download(client, carol, on_reply).status_code == 200
    assert download(client, staff_with_totp, on_reply).status_code == 200


def test_a_hidden_threads_replies_files_go_to_moderators_only(client, space, alice, bob, carol):
    thread = make_thread(space, alice)
    on_reply = attach(make_reply(thread, bob))
    moderation.hide(moderator=carol, space=space, item=thread)
    assert download(client, bob, on_reply).status_code == 404
    assert download(client, carol, on_reply).status_code == 200


def test_deleting_a_post_deletes_its_attachments_once_committed(
    client, space, alice, bob, django_capture_on_commit_callbacks
):
    thread = make_thread(space, alice)
    reply = make_reply(thread, bob)
    kept, gone = attach(thread), attach(reply)
    path = Path(gone.file.path)
    client.force_login(bob)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"/en/spaces/{space.slug}/reply/{reply.pk}/delete/")
        assert response.status_code == 302
        assert path.exists()  # nothing is deleted before the deletion is committed
    for callback in callbacks:
        callback()
    assert not path.exists()
    assert list(Attachment.objects.all()) == [kept]
    assert download(client, bob, kept).status_code == 200


def test_nobody_downloads_the_files_of_a_deleted_post_but_its_replies_keep_theirs(
    client, space, alice, bob, carol, staff_with_totp, django_capture_on_commit_callbacks
):
    thread = make_thread(space, alice)
    on_thread = attach(thread)
    on_reply = attach(make_reply(thread, bob))
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_post(author=alice, post=thread)
    assert not Attachment.objects.filter(pk=on_thread.pk).exists()
    for person in (alice, bob, carol, staff_with_totp):
        assert download(client, person, on_thread).status_code == 404
        # The replies stay when their thread is deleted, with their files.
        assert download(client, person, on_reply).status_code == 200


def test_a_file_missing_from_the_storage_answers_404(client, space, alice):
    attachment = attach(make_thread(space, alice))
    Path(attachment.file.path).unlink()
    assert download(client, alice, attachment).status_code == 404


def test_with_the_proxy_the_app_answers_x_accel_redirect_and_no_body(
    client, settings, space, alice, bob, dan
):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    thread = make_thread(space, alice)
    document = attach(thread)
    picture = attach(
        thread, b"RIFF....WEBP", name="jardin.jpg", content_type="image/webp", is_image=True
    )

    response = download(client, dan, document)
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/{document.file.name}"
    assert document.file.name.startswith("attachments/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="budget.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == CSP
    assert response["Cache-Control"] == "private, max-age=3600"

    image = download(client, dan, picture)
    assert image.content == b""
    assert image["Content-Type"] == "image/webp"
    assert image["Content-Disposition"] == f'inline; filename="{Path(picture.file.name).name}"'

    moderation.hide(moderator=alice, space=space, item=thread)
    refused = download(client, bob, document)
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_old_attachments_move_out_of_the_media_tree_once_and_for_all(settings, space, alice):
    migration = importlib.import_module("spaces.migrations.0006_attachments_in_private_storage")
    media, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    thread = make_thread(space, alice)
    old_names = [
        "private/attachments/2026/11/a1.pdf",  # where 0003 put them
        "spaces/attachments/2025/06/b2.pdf",  # where 0001 put them
        "private/attachments/2026/11/lost.pdf",  # a row whose file is gone
    ]
    for name in old_names[:2]:
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(PDF)
    (media / "spaces" / "covers").mkdir(parents=True)
    rows = [
        Attachment.objects.create(
            thread=thread, file=name, name="pv.pdf", content_type="application/pdf", size=1
        )
        for name in old_names
    ]

    for _ in range(2):  # idempotent: the second run finds nothing to do
        migration.move_to_private_storage(apps, None)

    assert [Attachment.objects.get(pk=row.pk).file.name for row in rows] == [
        "attachments/2026/11/a1.pdf",
        "attachments/2025/06/b2.pdf",
        "attachments/2026/11/lost.pdf",
    ]
    assert (private / "attachments/2026/11/a1.pdf").read_bytes() == PDF
    assert (private / "attachments/2025/06/b2.pdf").read_bytes() == PDF
    assert sorted(str(p.relative_to(media)) for p in media.rglob("*")) == [
        "spaces",
        "spaces/covers",
    ]
