from django.core.management import call_command

from members.models import User


def test_createsuperuser_makes_a_staff_member_with_a_profile(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "un-mot-de-passe-solide-42")
    call_command("createsuperuser", "--noinput", "--email", "Direction@Example.org", verbosity=0)
    user = User.objects.get(email="direction@example.org")
    assert user.is_staff and user.is_superuser
    assert user.check_password("un-mot-de-passe-solide-42")
    assert user.profile.name == "direction"
