"""Image files made on the fly for upload tests (tests.factories re-exports them)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_upload(name="photo.jpg", size=(800, 600), fmt="JPEG", exif=None, color=(200, 90, 40)):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=fmt, **kwargs)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png"}.get(fmt, "application/octet-stream")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (46.0, 48.0, 0.0)}  # GPS IFD
    return exif
