"""Files attached to posts, checked by what they contain, never by their name.

Images are re-encoded (no metadata, bounded size); PDF, office documents and plain
text are recognised by their structure; anything else, an executable renamed .pdf
for one, is refused. Attachments live in the private storage (common.files), outside
the public media tree, and are sent only to those who may read the post.
"""

import io
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from common import images

MAX_FILES = 5
IMAGE_MAX_SIZE = (1600, 1600)
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")
OOXML = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


@dataclass
class Inspected:
    content_type: str
    extension: str
    is_image: bool


def inspect(upload):
    """What the upload really is, or a ValidationError a member understands."""
    max_bytes = settings.MAILLAGE_ATTACHMENT_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the largest accepted is %(max)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "max": filesizeformat(max_bytes),
            },
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        images.validate_image(upload, max_bytes=max_bytes)
        return Inspected("image/webp", "webp", True)
    if head.startswith(b"%PDF-"):
        return Inspected("application/pdf", "pdf", False)
    if head.startswith(b"PK\x03\x04"):
        found = _office_document(upload)
        if found:
            return found
    if _is_plain_text(upload):
        return Inspected("text/plain; charset=utf-8", "txt", False)
    raise ValidationError(
        _(
            "“%(name)s” is not a file we accept. Attach images, PDF, office documents "
            "(Word, Excel, PowerPoint, LibreOffice) or plain text."
        )
        % {"name": upload.name},
        code="unsupported",
    )


def stored_file(upload, inspected):
    """The file to store: images re-encoded, other files as they came, under a random name."""
    if inspected.is_image:
        content = images.render_within(upload, IMAGE_MAX_SIZE)
        return ContentFile(content.read(), name=f"{uuid.uuid4().hex}.webp")
    upload.seek(0)
    return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.{inspected.extension}")


def _office_document(upload):
    try:
        with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                kind = archive.read("mimetype").strip()
                if kind in ODF:
                    return Inspected(kind.decode(), ODF[kind], False)
            if "[Content_Types].xml" in names:
                for prefix, (extension, content_type) in OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return Inspected(content_type, extension, False)
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    finally:
        upload.seek(0)
    return None


def _is_plain_text(upload):
    data = upload.read()
    upload.seek(0)
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
