import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from spaces.models import Attachment
from tests.factories import exif_with_gps, image_upload, make_space, make_thread


def reply_with(client, thread, *files, body="Voici le document"):
    return client.post(
        f"/en/spaces/{thread.space.slug}/threads/{thread.pk}/",
        {"body": body, "attachments": list(files)},
    )


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile("compte-rendu.docx", buffer.getvalue(), "application/octet-stream")


def test_a_member_attaches_a_pdf_and_an_image_without_its_metadata(client, settings, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)
    pdf = SimpleUploadedFile("budget.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "application/pdf")
    photo = image_upload(name="jardin.jpg", size=(3000, 2000), exif=exif_with_gps())
    response = reply_with(client, thread, pdf, photo, docx())
    assert response.status_code == 302
    stored = {a.name: a for a in Attachment.objects.all()}
    assert sorted(stored) == ["budget.pdf", "compte-rendu.docx", "jardin.jpg"]
    assert stored["budget.pdf"].content_type == "application/pdf"
    assert stored["compte-rendu.docx"].file.name.endswith(".docx")
    with Image.open(stored["jardin.jpg"].file.path) as picture:
        assert max(picture.size) == 1600
        assert not picture.getexif()
    for attachment in stored.values():  # in the private storage, nothing in the public tree
        assert Path(attachment.file.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not Path(settings.MEDIA_ROOT).exists()
    download = client.get(stored["budget.pdf"].get_absolute_url())
    assert download["Content-Disposition"] == 'attachment; filename="budget.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_stored(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)
    fake = SimpleUploadedFile("facture.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "application/pdf")
    response = reply_with(client, thread, fake)
    assert response.status_code == 400
    assert "“facture.pdf” is not a file we accept." in response.content.decode()
    assert thread.replies.count() == 0
    assert not Attachment.objects.exists()


def test_too_big_or_too_many_files_are_refused(client, alice, bob, settings):
    settings.MAILLAGE_ATTACHMENT_MAX_BYTES = 1000
    space = make_space("Jardins", owner=alice, members=[bob])
    thread = make_thread(space, alice)
    client.force_login(bob)
    big = SimpleUploadedFile("notes.txt", b"a" * 2000, "text/plain")
    response = reply_with(client, thread, big)
    assert (
        "“notes.txt” is 2.0\xa0KB; the largest accepted is 1000\xa0bytes."
        in response.content.decode()
    )
    small = [SimpleUploadedFile(f"n{i}.txt", b"ok", "text/plain") for i in range(6)]
    assert "Attach at most 5 files." in reply_with(client, thread, *small).content.decode()
    assert thread.replies.count() == 0


def test_attachments_of_a_private_space_are_only_for_its_members(client, alice, bob, dan):
    space = make_space("Comité", owner=alice, members=[bob], visibility="private")
    thread = make_thread(space, alice)
    client.force_login(bob)
    reply_with(client, thread, SimpleUploadedFile("pv.txt", "Procès-verbal".encode(), "text/plain"))
    attachment = Attachment.objects.get()
    assert client.get(attachment.get_absolute_url()).status_code == 200
    client.force_login(dan)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    client.logout()
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
