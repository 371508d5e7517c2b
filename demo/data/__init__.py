"""The demo's text, kept as data: one TOML file per part of the demo, read once."""

import tomllib
from functools import cache
from pathlib import Path


@cache
def load(name):
    """The parsed demo/data/<name>.toml (shared: read it, never change it)."""
    with (Path(__file__).parent / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)
