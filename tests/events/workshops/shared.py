"""What the workshop tests share."""

from datetime import timedelta

from events import services
from events.services import workshops
from tests.factories import UserFactory
from tests.helpers import ago, move_event


def page(response):
    return response.content.decode()


def move_to_past(event, *, ended_days_ago):
    """The (two-hour) event ended that many days ago."""
    ends = ago(days=ended_days_ago)
    move_event(event, starts_at=ends - timedelta(hours=2), ends_at=ends)


def login(client, user):
    client.force_login(user)
    return client


def grow(event, staff, tables, seats_per_table, offset):
    """More tables, each with seats taken by new attendees (half of them unlisted)."""
    for number in range(tables):
        table = workshops.add_table(
            event=event, theme=f"Table {offset + number}", capacity=20, by=staff
        )
        for seat in range(seats_per_table):
            user = UserFactory(email=f"seat{offset + number}-{seat}@example.org")
            services.register(event=event, user=user, is_listed=seat % 2 == 0)
            workshops.choose_table(table=table, user=user)


def notes_of(table):
    table.refresh_from_db()
    return table.notes
