from django.core.management.base import BaseCommand

from events.services.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the event reminders and follow-ups that are due, once each (safe to run "
        "again or at the same time as Celery beat). Without Redis there is no beat: run "
        "this every five minutes from cron."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        summary = ", ".join(f"{kind}: {count}" for kind, count in sent.items())
        self.stdout.write(f"Event emails sent — {summary}")
