"""A flood of one write is cut at its allowance (common.ratelimit): the requests beyond it
answer 429 with the time to wait, and store nothing.

The sweep (test_hostile_forms.py) raises every limit so that its thousands of requests
are judged on their values; this test keeps a low one."""

from spaces.models import Reply
from tests.factories import make_space, make_thread


def test_a_flood_of_replies_is_refused_beyond_the_allowance_and_stores_nothing(
    client, settings, alice, bob
):
    settings.MAILLAGE_RATE_LIMITS = {**settings.MAILLAGE_RATE_LIMITS, "reply": "3/m"}
    thread = make_thread(make_space("Jardins", owner=alice, members=[bob]), alice)
    client.force_login(bob)
    address = f"/en/spaces/{thread.space.slug}/threads/{thread.pk}/"

    answers = [client.post(address, {"body": f"Réponse {n}"}).status_code for n in range(10)]

    assert answers == [302, 302, 302] + [429] * 7
    assert list(Reply.objects.order_by("pk").values_list("body", flat=True)) == [
        "Réponse 0",
        "Réponse 1",
        "Réponse 2",
    ]
    refused = client.post(address, {"body": "Encore une"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Too many attempts" in refused.content.decode()
