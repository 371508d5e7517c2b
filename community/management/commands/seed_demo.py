from django.core.management.base import BaseCommand

from events import demo as events_demo
from members import demo as members_demo
from spaces import demo as spaces_demo


class Command(BaseCommand):
    help = "Load the bilingual demo community (idempotent: a second run adds nothing)."

    def handle(self, *args, **options):
        members_demo.seed_demo_community(log=self.stdout.write)
        spaces_demo.seed_demo_spaces(log=self.stdout.write)
        events_demo.seed_demo_events(log=self.stdout.write)
        self.stdout.write(
            f"Sign in as staff: {members_demo.STAFF_EMAIL} / {members_demo.DEMO_PASSWORD} "
            "(staff set up two-factor authentication on first sign-in)\n"
            f"Sign in as a member: {members_demo.MEMBER_EMAIL} / {members_demo.DEMO_PASSWORD}"
        )
