"""The tables page's queries stay the same as tables and seats grow."""

import pytest

from tests.events.workshops.shared import grow, login
from tests.helpers import page_queries, url


@pytest.mark.parametrize("viewer", ["alice", "staff"])
def test_tables_page_queries_stay_constant(
    staff_with_totp, client, atelier, gouvernance, staff, alice, viewer
):
    login(client, {"alice": alice, "staff": staff}[viewer])
    grow(atelier, staff, 1, 2, 0)
    before = page_queries(client, url("tables", "atelier"))
    grow(atelier, staff, 10, 10, 100)  # 10x the tables, far more seats
    assert page_queries(client, url("tables", "atelier")) == before
