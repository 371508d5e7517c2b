"""The health check answers anyone, reads nothing, and refuses writes."""

import pytest


def test_the_health_check_answers_ok_without_touching_the_database(client):
    # No database fixture: pytest-django refuses any query, so answering proves none ran.
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_health_check_refuses_a_post(client):
    assert client.post("/health/").status_code == 405
