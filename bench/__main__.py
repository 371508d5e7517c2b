"""Run every benchmark in bench/, print one table, write it to bench/results/latest.md.

Usage: python -m bench [name ...]   (make bench: every one, on PostgreSQL and Redis when they
answer). Benchmarks run with production settings (DEBUG off) against a throw-away test
database; each module's run() returns its rows (bench._table.Result). Only a run of every
benchmark writes bench/results/latest.md.
"""

import importlib
import os
import pkgutil
import secrets
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE.parent / ".bench"

# Production settings, as docker/entrypoint.sh runs them, on this machine's loopback. The
# servers a benchmark starts inherit this environment.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_ROOT", str(WORK / "static"))
os.environ.setdefault("MEDIA_ROOT", str(WORK / "media"))
os.environ.setdefault("PRIVATE_MEDIA_ROOT", str(WORK / "private"))
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

import bench  # noqa: E402
from bench._table import Result, markdown, speed_probe, text_table  # noqa: E402

RESULTS = HERE / "results" / "latest.md"


def database_label():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
        layer = "Redis" if os.environ.get("REDIS_URL") else "in-memory layers"
        return f"PostgreSQL {version}, {layer}"
    return "SQLite, in-memory layers"


def main(names):
    modules = [
        info.name for info in pkgutil.iter_modules(bench.__path__) if not info.name.startswith("_")
    ]
    unknown = sorted(set(names) - set(modules))
    if unknown:
        print(f"No such benchmark: {', '.join(unknown)}. Known: {', '.join(modules)}")
        return 2
    chosen = [name for name in modules if not names or name in names]
    call_command("collectstatic", interactive=False, verbosity=0)
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    results = []
    probes = [speed_probe()]
    try:
        label = database_label()
        print(f"Benchmarks on {label}, DEBUG off; speed probe {probes[0]:.0f} ms")
        for name in chosen:
            module = importlib.import_module(f"bench.{name}")
            print(f"== {name}: {module.__doc__.strip().splitlines()[0]}", flush=True)
            start = time.perf_counter()
            rows = list(module.run() or [])
            if not rows:
                rows = [Result(name, "no figure", passed=False)]
            results.extend(rows)
            print(f"   ({time.perf_counter() - start:.0f} s)", flush=True)
    finally:
        runner.teardown_databases(old_config)
        teardown_test_environment()
    probes.append(speed_probe())
    print()
    print(text_table(results))
    if not names:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(markdown(results, database=label, probes=probes))
        print(f"\nWritten to {RESULTS.relative_to(HERE.parent)}")
    failed = [r.benchmark for r in results if r.passed is False]
    if failed:
        print(f"Targets missed: {'; '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
