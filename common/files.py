"""Stored files: the public media tree, the private storage, answers that send a file.

Public media (avatars, covers) live under MEDIA_ROOT, which a proxy may serve to anyone,
so a path is served only when written plainly (no "..", no doubled or encoded slash).
Private files live under PRIVATE_MEDIA_ROOT, outside it, have no URL of their own, and
reach a reader only through a view that checked who may read them.
"""

import os
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header

# Longer paths and names are no names we store; the file system would refuse most of them.
MAX_PATH_LENGTH = 1024
MAX_NAME_BYTES = 255
# Attachments lived here before they moved to the private storage (spaces migration 0006).
LEGACY_PRIVATE_FOLDER = "private"


def is_plain_media_path(path):
    """True when `path` names a file under MEDIA_ROOT in the one way our storages write names:
    relative, "/"-separated, no "." or ".." segment, no empty segment (doubled slash), no
    backslash, no "%" (an encoded slash or dot, once decoded by the server), no control
    character, no over-long name. Anything else is refused, never normalised."""
    if not path or len(path) > MAX_PATH_LENGTH or "\\" in path or "%" in path:
        return False
    if any(unicodedata.category(character) == "Cc" for character in path):
        return False
    segments = path.split("/")
    if segments[0] == LEGACY_PRIVATE_FOLDER:
        return False
    return all(
        segment not in ("", ".", "..") and len(segment.encode()) <= MAX_NAME_BYTES
        for segment in segments
    )


@deconstructible(path="common.files.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, outside the public media tree, with no URL: a view
    that checks permission sends them (private_file_response)."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def base_url(self):
        return None

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


private_storage = PrivateStorage()


def private_file_response(file, *, content_type, filename=None, as_attachment=False):
    """The answer that sends a private file, once the caller has checked who may read it.

    With PRIVATE_MEDIA_ACCEL_PREFIX set, the body is empty and X-Accel-Redirect names the
    file under that prefix: the proxy (nginx's internal location) sends it. Otherwise
    Maillage streams it (404 when the file is gone). Either way the headers are the same."""
    filename = filename or os.path.basename(file.name)
    prefix = settings.PRIVATE_MEDIA_ACCEL_PREFIX
    if not prefix:
        try:
            opened = file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            opened, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{quote(file.name)}"
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response


def delete_files(storage, names):
    """Delete stored files by name; names already gone (or empty) are skipped."""
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)
