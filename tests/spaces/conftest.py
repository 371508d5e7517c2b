"""Spaces' cast: alice owns the spaces, carol moderates them, bob is a member, dan is outside."""

import pytest

from tests.factories import make_space


@pytest.fixture
def spaces(alice, bob, carol):
    """One space of each visibility, with the same people in each."""
    return {
        visibility: make_space(
            f"Espace {visibility}",
            owner=alice,
            moderator=carol,
            members=[bob],
            visibility=visibility,
            interests=["Sécurité alimentaire"],
        )
        for visibility in ("open", "private", "secret")
    }
