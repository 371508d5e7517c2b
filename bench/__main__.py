"""Run every benchmark in bench/ against a throw-away test database; print ratios.

Usage: python -m bench [name ...]   (make bench)
"""

import importlib
import os
import pkgutil
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

import bench  # noqa: E402


def main(names):
    modules = [
        info.name for info in pkgutil.iter_modules(bench.__path__) if not info.name.startswith("_")
    ]
    chosen = [name for name in modules if not names or name in names]
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    failed = []
    try:
        for name in chosen:
            module = importlib.import_module(f"bench.{name}")
            print(f"== {name}: {module.__doc__.strip().splitlines()[0]}")
            if not module.run():
                failed.append(name)
    finally:
        runner.teardown_databases(old_config)
        teardown_test_environment()
    if failed:
        print(f"Targets missed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
