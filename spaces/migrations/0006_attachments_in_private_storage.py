# Attachments leave the public media tree (MEDIA_ROOT/private/attachments/..., and
# MEDIA_ROOT/spaces/attachments/... before 0003) for the private storage, outside it.

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import common.files

LEGACY_FOLDERS = ("private", "spaces")


def _private_name(name):
    """private/attachments/2026/11/x.pdf -> attachments/2026/11/x.pdf"""
    for folder in LEGACY_FOLDERS:
        if name.startswith(f"{folder}/attachments/"):
            return name[len(folder) + 1 :]
    return name


def _move(source, target):
    """Move one file; a missing source is skipped, and so is a target already there (a run
    stopped after copying: the copy stays, the original goes if it is the same size)."""
    if not source.is_file():
        return
    if target.exists():
        if target.stat().st_size == source.stat().st_size:
            source.unlink()
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(source, target)


def _prune_empty_folders(root):
    if not root.is_dir():
        return
    folders = sorted((path for path in root.rglob("*") if path.is_dir()), reverse=True)
    for folder in [*folders, root]:
        if not any(folder.iterdir()):
            folder.rmdir()


def move_to_private_storage(apps, schema_editor):
    """Idempotent: a file already moved, or missing, is skipped; stored names lose their
    public folder."""
    Attachment = apps.get_model("spaces", "Attachment")
    public, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    rows = list(Attachment.objects.values_list("pk", "file"))
    for pk, name in rows:
        new_name = _private_name(name)
        _move(public / name, private / new_name)
        if new_name != name:
            Attachment.objects.filter(pk=pk).update(file=new_name)
    if rows:
        for folder in LEGACY_FOLDERS:
            _prune_empty_folders(public / folder / "attachments")
        _prune_empty_folders(public / "private")


def move_back_to_media(apps, schema_editor):
    Attachment = apps.get_model("spaces", "Attachment")
    public, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    for pk, name in list(Attachment.objects.values_list("pk", "file")):
        if name.startswith("attachments/"):
            _move(private / name, public / "private" / name)
            Attachment.objects.filter(pk=pk).update(file=f"private/{name}")


class Migration(migrations.Migration):
    dependencies = [
        ("spaces", "0005_direct_messages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                storage=common.files.PrivateStorage(), upload_to="attachments/%Y/%m/"
            ),
        ),
        migrations.RunPython(move_to_private_storage, move_back_to_media),
    ]
