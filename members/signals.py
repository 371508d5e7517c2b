from django.db.models.signals import post_save
from django.dispatch import receiver

from members import services
from members.models import User


@receiver(post_save, sender=User, dispatch_uid="members.create_profile")
def give_new_user_a_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.create_profile(user=instance)
