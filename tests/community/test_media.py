"""Public media: only a plainly written path inside MEDIA_ROOT is served, never a private file."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from common import images
from spaces.models import Attachment
from tests.community.test_settings import PRODUCTION, manage
from tests.factories import image_upload, make_space, make_thread

SECRET = b"%PDF-1.7 minutes of the board, not for everyone"

HOSTILE_PATHS = [
    "/media/./private/x",
    "/media//private/x",
    "/media/private/x",
    "/media/%2e%2e/",
    "/media/%2E%2E/private_media/attachments/x.pdf",
    "/media/../private_media/attachments/x.pdf",
    "/media/a/../private/x",
    "/media/avatars/../../private_media/attachments/x.pdf",
    "/media/%2fprivate/x",
    "/media/private%2fx",
    "/media/%252e%252e/private_media/attachments/x.pdf",
    "/media/private\\x",
    "/media/.\\private\\x",
    "/media/%5cprivate%5cx",
    "/media/..%5cprivate_media%5cattachments%5cx.pdf",
    "/media/avatars/%00.webp",
    "/media/private/x%00",
    "/media/avatars/%0d%0aa.webp",
    "/media/avatars/",
    "/media/",
    "/media/" + "a" * 300,
    "/media/avatars/" + "a" * 300 + ".webp",
    "/media/" + "a/" * 2500,
    "/media/" + "a" * 5000,
]


@pytest.fixture
def private_files(settings, alice):
    """The same secret twice: an attachment in the private storage, and a file left at the
    old public place (MEDIA_ROOT/private/x), as before the move."""
    thread = make_thread(make_space("Comité", owner=alice, visibility="private"), alice)
    attachment = Attachment.objects.create(
        thread=thread,
        file=ContentFile(SECRET, name="x.pdf"),
        name="pv.pdf",
        content_type="application/pdf",
        size=len(SECRET),
    )
    legacy = Path(settings.MEDIA_ROOT) / "private" / "x"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(SECRET)
    return attachment


def hostile(path, attachment):
    return path.replace("attachments/x.pdf", attachment.file.name)


def short(path):
    return path if len(path) < 60 else f"a {len(path)}-character path"


@pytest.mark.parametrize("path", HOSTILE_PATHS, ids=short)
def test_a_hostile_media_path_answers_404_and_never_a_private_file(client, path, private_files):
    response = client.get(hostile(path, private_files))
    assert response.status_code == 404
    assert SECRET not in response.content


@pytest.mark.parametrize("path", HOSTILE_PATHS[:8], ids=short)
def test_members_get_no_private_file_through_media_either(alice_client, path, private_files):
    response = alice_client.get(hostile(path, private_files))
    assert response.status_code == 404
    assert SECRET not in response.content


def test_a_real_avatar_is_still_served(client, alice):
    avatar, thumbnail = images.render_avatar(image_upload())
    alice.profile.avatar.save(avatar.name, avatar, save=False)
    alice.profile.avatar_thumbnail.save(thumbnail.name, thumbnail)
    response = client.get(alice.profile.avatar.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content) == Path(alice.profile.avatar.path).read_bytes()


def test_a_missing_public_file_answers_404(client):
    assert client.get("/media/avatars/0123456789abcdef.webp").status_code == 404


def test_a_private_file_lies_outside_the_media_tree_and_has_no_address(settings, private_files):
    path = Path(private_files.file.path)
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    with pytest.raises(ValueError, match="not accessible via a URL"):
        private_files.file.url  # noqa: B018


def test_start_up_refuses_private_files_inside_the_media_tree(tmp_path):
    result = manage(
        "check",
        **PRODUCTION,
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "media" / "private"),
    )
    assert result.returncode != 0
    assert "PRIVATE_MEDIA_ROOT and MEDIA_ROOT must be two separate folders" in result.stderr
