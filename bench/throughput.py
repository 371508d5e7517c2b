"""Page throughput under load: 32 connections for a fixed time on each main page, signed in,
beside the bare view, through the production pages' server (gunicorn's threaded WSGI
workers), and the server not chosen for them in the same run: uvicorn workers serving
community.asgi (as the sockets' server does), on the home page and the bare view.

The server is the command docker/entrypoint.sh runs for the web role (bench/_server.py),
with its default numbers of workers and threads, on the demo community; the load comes
from wrk where installed, else from an asyncio client in its own process (bench/_load.py).
Each page and the bare view (/health/) take turns for ROUNDS rounds; the figures are the
median round's.
Targets: each page at least 25% of the bare view's requests per second, p99 under 250 ms,
no errors. Needs PostgreSQL (the server is another process: it needs a real database).
"""

import http.client
import os
import runpy

from django.db import connection

from bench._load import load
from bench._pages import load_demo, main_pages
from bench._server import ROOT, Server, session_cookie
from bench._table import Result
from demo.members import MEMBER_EMAIL
from members.models import User

CONNECTIONS = 32
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "3"))
ROUNDS = 3
SHARE = 0.25
P99_MS = 250


def check_pages(server, headers, paths):
    for path in paths:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("GET", path, headers=headers)
        status = conn.getresponse().status
        conn.close()
        if status != 200:
            raise AssertionError(f"{path} answered {status} to the signed-in member")


def median_rounds(server, headers, pages):
    """{name: the median round's Load} of each page ({name: path}), the pages taking turns
    for ROUNDS rounds, after checking that each answers 200."""
    check_pages(server, headers, list(pages.values()))
    measured = {name: [] for name in pages}
    for _ in range(ROUNDS):
        for name, path in pages.items():
            measured[name].append(
                load(server.url(path), headers=headers, connections=CONNECTIONS, seconds=SECONDS)
            )
    return {
        name: sorted(rounds, key=lambda figures: figures.rps)[len(rounds) // 2]
        for name, rounds in measured.items()
    }


def run():
    if connection.vendor != "postgresql":
        return [Result.skipped("page throughput", "needs PostgreSQL (DATABASE_URL)")]
    load_demo()
    member = User.objects.get(email=MEMBER_EMAIL)
    pages = [("bare view", "/health/"), *main_pages(member)]
    headers = {"Host": "localhost", "Cookie": session_cookie(member)}
    with Server("web") as server:
        print(
            f"   {server.workers or 'default'} workers, {THREADS} threads, "
            f"{CONNECTIONS} connections, {SECONDS} s per page, {ROUNDS} rounds",
            flush=True,
        )
        measured = median_rounds(server, headers, dict(pages))
    alternative = asgi_alternative(headers, dict(pages[:2]))
    bare = measured.pop("bare view")
    results = []
    for name, figures in measured.items():
        share = figures.rps / bare.rps
        results.append(
            Result(
                f"throughput, {name} ({CONNECTIONS} connections)",
                f"{figures.rps:.0f}/s, p50 {figures.p50_ms:.0f} ms, p99 {figures.p99_ms:.0f} ms, "
                f"{figures.errors} errors",
                f"bare view {bare.rps:.0f}/s, p99 {bare.p99_ms:.0f} ms ({bare.tool})",
                share,
                f"≥ {SHARE:.0%} of bare, p99 < {P99_MS} ms, 0 errors",
                share >= SHARE and figures.p99_ms < P99_MS and figures.errors == 0,
            )
        )
    home = measured["home"]
    results.append(
        Result(
            "throughput, home through uvicorn workers (community.asgi), the server not chosen",
            f"{alternative['home'].rps:.0f}/s, p99 {alternative['home'].p99_ms:.0f} ms; bare "
            f"{alternative['bare view'].rps:.0f}/s",
            f"threaded WSGI workers ({THREADS} threads) {home.rps:.0f}/s, p99 "
            f"{home.p99_ms:.0f} ms; bare {bare.rps:.0f}/s",
            home.rps / alternative["home"].rps,
            "none (the figures behind the choice: WSGI / ASGI)",
        )
    )
    return results


THREADS = runpy.run_path(str(ROOT / "docker/gunicorn.conf.py"))["DEFAULT_THREADS"]


def asgi_alternative(headers, pages):
    """The same pages through uvicorn workers (community.asgi), as the sockets' server runs
    them: the alternative to threaded WSGI workers, one server for pages and sockets."""
    arguments = ["--worker-class", "uvicorn_worker.UvicornWorker", "community.asgi:application"]
    with Server("web", arguments=arguments) as server:
        return median_rounds(server, headers, pages)
