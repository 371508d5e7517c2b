from django.core.management.base import BaseCommand

from members import demo


class Command(BaseCommand):
    help = "Load the bilingual demo community (idempotent: a second run adds nothing)."

    def handle(self, *args, **options):
        demo.seed_demo_community(log=self.stdout.write)
        self.stdout.write(
            f"Sign in as staff: {demo.STAFF_EMAIL} / {demo.DEMO_PASSWORD} "
            "(staff set up two-factor authentication on first sign-in)\n"
            f"Sign in as a member: {demo.MEMBER_EMAIL} / {demo.DEMO_PASSWORD}"
        )
