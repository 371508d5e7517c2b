import pytest
from django.contrib.auth.models import AnonymousUser

import analytics
from analytics.models import Activity, AppendOnlyError


def test_recording_keeps_who_did_what_to_what_and_where(alice, bob):
    activity = analytics.record(alice, "profile.viewed", bob.profile, context=bob, data={"n": 1})
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.actor, stored.verb, stored.target, stored.context, stored.data) == (
        alice,
        "profile.viewed",
        bob.profile,
        bob,
        {"n": 1},
    )


def test_an_anonymous_actor_is_recorded_as_nobody(bob):
    activity = analytics.record(AnonymousUser(), "profile.viewed", bob.profile)
    assert activity.actor is None


def test_the_log_is_append_only(alice, bob):
    activity = analytics.record(alice, "profile.viewed", bob.profile)
    activity.verb = "changed"
    with pytest.raises(AppendOnlyError):
        activity.save()
    with pytest.raises(AppendOnlyError):
        activity.delete()
    with pytest.raises(AppendOnlyError):
        Activity.objects.update(verb="changed")
    assert Activity.objects.get().verb == "profile.viewed"


def test_staff_read_the_log_in_the_admin_but_cannot_change_it(staff_client, alice, bob):
    activity = analytics.record(alice, "profile.viewed", bob.profile)
    assert staff_client.get("/en/admin/analytics/activity/").status_code == 200
    assert (
        staff_client.get(f"/en/admin/analytics/activity/{activity.pk}/delete/").status_code == 403
    )
