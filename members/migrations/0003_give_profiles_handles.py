import unicodedata

from django.db import migrations
from django.utils.text import slugify


def give_handles(apps, schema_editor):
    """Profiles made before handles existed get one from their display name."""
    Profile = apps.get_model("members", "Profile")
    taken = set(Profile.objects.exclude(handle=None).values_list("handle", flat=True))
    for profile in Profile.objects.filter(handle=None).exclude(display_name="").order_by("pk"):
        ascii_name = unicodedata.normalize("NFKD", profile.display_name).encode("ascii", "ignore")
        base = slugify(ascii_name.decode())[:50] or "membre"
        handle, number = base, 2
        while handle in taken:
            handle, number = f"{base}-{number}", number + 1
        taken.add(handle)
        Profile.objects.filter(pk=profile.pk).update(handle=handle)


class Migration(migrations.Migration):
    dependencies = [("members", "0002_profile_handle")]

    operations = [migrations.RunPython(give_handles, migrations.RunPython.noop)]
