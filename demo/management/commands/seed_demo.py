from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from demo import direct, events, feedback, live, meetings, members, moderation, spaces, workshops


class Command(BaseCommand):
    help = "Load the bilingual demo community (idempotent: a second run adds nothing)."

    def handle(self, *args, **options):
        # The demo community's registrations and meetings are not news to anyone: no
        # confirmation or notification email goes out while it is loaded.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self.seed()
        self.stdout.write(
            f"Sign in as staff: {members.STAFF_EMAIL} / {members.DEMO_PASSWORD} "
            "(staff set up two-factor authentication on first sign-in)\n"
            f"Sign in as a member: {members.MEMBER_EMAIL} / {members.DEMO_PASSWORD}"
        )

    def seed(self):
        log = self.stdout.write
        members.seed_demo_community(log=log)
        spaces.seed_demo_spaces(log=log)
        events.seed_demo_events(log=log)
        workshops.seed_demo_workshops(log=log)
        meetings.seed_demo_meetings(log=log)
        live.seed_demo_live(log=log)
        feedback.seed_demo_feedback(log=log)
        direct.seed_demo_direct(log=log)
        moderation.seed_demo_moderation(log=log)
