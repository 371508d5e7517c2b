"""The repository's image and .dockerignore, read once per test."""

import pytest

from tests.deployment.checks import ignore_rules, read, read_image


@pytest.fixture
def image():
    return read_image(read("Dockerfile"))


@pytest.fixture
def rules():
    return ignore_rules(read(".dockerignore"))
