"""Uploaded images (avatars, covers, attachments): checked by content, resized, no metadata.

An upload is decoded by Pillow, never trusted by its name or content type.
EXIF (which can hold a phone's GPS position) is dropped by re-encoding only
the pixels; stored images have bounded sizes and random names. No image is
stored as it was uploaded.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
AVATAR_SIZE = 512
THUMBNAIL_SIZE = 96
COVER_SIZE = (1600, 900)


def validate_image(upload, *, max_bytes=None):
    """Raise ValidationError with a message a member understands, or return nothing."""
    max_bytes = max_bytes or settings.MAILLAGE_IMAGE_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("This image is %(size)s; the largest accepted is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    with _opened(upload) as image:
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(
                _("Use a JPEG, PNG, WebP or GIF image."), code="unsupported_format"
            )
        width, height = image.size
        if width * height > settings.MAILLAGE_IMAGE_MAX_PIXELS or min(width, height) < 1:
            raise ValidationError(
                _("This image is %(width)s×%(height)s pixels, too large to use here.")
                % {"width": width, "height": height},
                code="too_many_pixels",
            )
        try:
            image.load()
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                _("This image is damaged and cannot be read."), code="damaged"
            ) from error


def render_avatar(upload):
    """Return (avatar, thumbnail) as new square files with random names, without metadata."""
    return render_fitted(upload, (AVATAR_SIZE, AVATAR_SIZE), (THUMBNAIL_SIZE, THUMBNAIL_SIZE))


def render_cover(upload):
    """Return a space's or an event's cover as a new file within COVER_SIZE, without metadata."""
    return render_within(upload, COVER_SIZE)


def render_fitted(upload, *sizes):
    """Return one new file per size, each cropped to fill it exactly."""
    with _opened(upload) as image:
        image = ImageOps.exif_transpose(image)
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
        fitted = [ImageOps.fit(image, size, Image.Resampling.LANCZOS) for size in sizes]
    stem = uuid.uuid4().hex
    return [_encode(picture, f"{stem}-{picture.width}x{picture.height}.webp") for picture in fitted]


def render_within(upload, max_size):
    """Return a new file that fits within max_size, keeping the proportions."""
    with _opened(upload) as image:
        image = ImageOps.exif_transpose(image)
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
        image.thumbnail(max_size, Image.Resampling.LANCZOS)
    return _encode(image, f"{uuid.uuid4().hex}.webp")


class _opened:
    """Open a copy of an upload with Pillow; every way it can fail becomes a ValidationError.

    Callers check the upload's size before opening it, so the copy is bounded.
    """

    def __init__(self, upload):
        self.upload = upload

    def __enter__(self):
        self.upload.seek(0)
        data = io.BytesIO(self.upload.read())
        self.upload.seek(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                self.image = Image.open(data)
                self.image.size  # noqa: B018 - reading the header is the check
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(
                _("This image has too many pixels to be used here."),
                code="too_many_pixels",
            ) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                _("This file is not an image we can read. Use a JPEG, PNG, WebP or GIF image."),
                code="not_an_image",
            ) from error
        return self.image

    def __exit__(self, *exc_info):
        self.image.close()
        return False


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _encode(image, name):
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=85, method=4)
    return ContentFile(buffer.getvalue(), name=name)
