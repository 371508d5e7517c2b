"""The tables page's queries stay the same as tables and seats grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.workshops.shared import grow, login
from tests.helpers import url


def tables_page_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url("tables", "atelier")).status_code == 200
    return len(captured)


@pytest.mark.parametrize("viewer", ["alice", "staff"])
def test_tables_page_queries_stay_constant(
    staff_with_totp, client, atelier, gouvernance, staff, alice, viewer
):
    login(client, {"alice": alice, "staff": staff}[viewer])
    grow(atelier, staff, 1, 2, 0)
    before = tables_page_queries(client)
    grow(atelier, staff, 10, 10, 100)  # 10x the tables, far more seats
    assert tables_page_queries(client) == before
