"""The demo community: a Québec network of nonprofits, in French and English.

The only code that imports every app, and nothing imports it. Its text lives in
demo/data/*.toml; the modules here load it through the apps' services, in the order
of ``manage.py seed_demo``. Every part is idempotent: a second run adds nothing.
"""
