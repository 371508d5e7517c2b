import pytest
from django.utils import translation


@pytest.fixture
def event(make_event):
    return make_event(title="Assemblée générale", slug="assemblee", capacity=2)


@pytest.fixture
def english():
    """For tests whose assertions read English: /en/ addresses and the services' messages."""
    with translation.override("en"):
        yield


@pytest.fixture
def fair(make_event):
    """Two hours from a week from now, no seat limit: six 20-minute meeting slots."""
    return make_event(title="Foire de l'économie sociale", slug="foire", capacity=None)
