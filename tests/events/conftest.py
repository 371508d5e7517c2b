import pytest


@pytest.fixture
def event(make_event):
    return make_event(title="Assemblée générale", slug="assemblee", capacity=2)
