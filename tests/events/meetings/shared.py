"""What the meeting tests share: the people page's address, slots, asking and answering
through the pages."""

from datetime import timedelta

from django.urls import reverse


def people_url(event):
    return reverse("events:people", args=[event.slug])


def slot(event, number):
    return event.starts_at + timedelta(minutes=event.meeting_minutes * number)


def ask(client, event, invitee, when, message=""):
    return client.post(
        reverse("events:meeting_request", args=[event.slug]),
        {"invitee": invitee.pk, "starts_at": when.isoformat(), "message": message},
        follow=True,
    )


def act(client, meeting, action):
    return client.post(
        reverse("events:meeting_action", args=[meeting.event.slug, meeting.pk, action]),
        follow=True,
    )
