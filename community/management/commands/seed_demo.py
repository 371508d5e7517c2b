from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from events import demo as events_demo
from events import demo_live, demo_meetings, demo_reminders, demo_workshops
from members import demo as members_demo
from spaces import demo as spaces_demo


class Command(BaseCommand):
    help = "Load the bilingual demo community (idempotent: a second run adds nothing)."

    def handle(self, *args, **options):
        # The demo community's registrations and meetings are not news to anyone: no
        # confirmation or notification email goes out while it is loaded.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self.seed()
        self.stdout.write(
            f"Sign in as staff: {members_demo.STAFF_EMAIL} / {members_demo.DEMO_PASSWORD} "
            "(staff set up two-factor authentication on first sign-in)\n"
            f"Sign in as a member: {members_demo.MEMBER_EMAIL} / {members_demo.DEMO_PASSWORD}"
        )

    def seed(self):
        members_demo.seed_demo_community(log=self.stdout.write)
        spaces_demo.seed_demo_spaces(log=self.stdout.write)
        events_demo.seed_demo_events(log=self.stdout.write)
        demo_workshops.seed_demo_workshops(log=self.stdout.write)
        demo_meetings.seed_demo_meetings(log=self.stdout.write)
        demo_live.seed_demo_live(log=self.stdout.write)
        demo_reminders.seed_demo_reminders(log=self.stdout.write)
