"""Page throughput under load: 32 connections for a fixed time on each main page, signed in,
beside the bare view, through the production pages' server (gunicorn's threaded WSGI
workers), and the server not chosen for them in the same run: uvicorn workers serving
community.asgi (as the sockets' server does), on the home page and the bare view.

The server is the command docker/entrypoint.sh runs for the web role (bench/_server.py),
with its default numbers of workers and threads, on the demo community; the load comes
from wrk where installed, else from an asyncio client in its own process (bench/_load.py).
The bare view (/health/) is measured just before each page, in each of ROUNDS rounds; the
figures are the median round's pair (by the page's share of the bare view).
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
# Short pairs, many rounds: this machine's speed moves by half from one second to the next
# (the bare view alone served 371 to 910 requests a second in consecutive 1-s runs), so a
# page and its bare view are measured close together, and the median of five pairs counts.
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "2"))
ROUNDS = 5
SHARE = 0.25
P99_MS = 250
BARE_PATH = "/health/"


def check_pages(server, headers, paths):
    for path in paths:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("GET", path, headers=headers)
        status = conn.getresponse().status
        conn.close()
        if status != 200:
            raise AssertionError(f"{path} answered {status} to the signed-in member")


def paired_rounds(server, headers, pages):
    """{name: (page's Load, bare view's Load)} for each page ({name: path}): in each of
    ROUNDS rounds, the bare view is measured just before each page, so that the two share
    the machine's moment (its speed moves within a run); the pair kept is the median
    round's by the page's share of the bare view. Checks first that each answers 200, then
    warms each up for a second under load, so that every worker has compiled its templates
    and frozen its heap (docker/_heap.py) before a figure counts."""
    check_pages(server, headers, [BARE_PATH, *pages.values()])
    for path in [BARE_PATH, *pages.values()]:
        load(server.url(path), headers=headers, connections=CONNECTIONS, seconds=1)
    measured = {name: [] for name in pages}
    for _ in range(ROUNDS):
        for name, path in pages.items():
            bare = load(
                server.url(BARE_PATH), headers=headers, connections=CONNECTIONS, seconds=SECONDS
            )
            page = load(server.url(path), headers=headers, connections=CONNECTIONS, seconds=SECONDS)
            measured[name].append((page, bare))
    return {
        name: sorted(rounds, key=lambda pair: pair[0].rps / pair[1].rps)[len(rounds) // 2]
        for name, rounds in measured.items()
    }


def run():
    if connection.vendor != "postgresql":
        return [Result.skipped("page throughput", "needs PostgreSQL (DATABASE_URL)")]
    load_demo()
    member = User.objects.get(email=MEMBER_EMAIL)
    pages = main_pages(member)
    headers = {"Host": "localhost", "Cookie": session_cookie(member)}
    with Server("web") as server:
        print(
            f"   {server.workers or 'default'} workers, {THREADS} threads, "
            f"{CONNECTIONS} connections, {SECONDS} s per page, {ROUNDS} rounds",
            flush=True,
        )
        measured = paired_rounds(server, headers, dict(pages))
    alternative = asgi_alternative(headers, dict(pages[:1]))
    results = []
    for name, (figures, bare) in measured.items():
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
    home, bare = measured["home"]
    other_home, other_bare = alternative["home"]
    results.append(
        Result(
            "throughput, home through uvicorn workers (community.asgi), the server not chosen",
            f"{other_home.rps:.0f}/s, p99 {other_home.p99_ms:.0f} ms; bare {other_bare.rps:.0f}/s",
            f"threaded WSGI workers ({THREADS} threads) {home.rps:.0f}/s, p99 "
            f"{home.p99_ms:.0f} ms; bare {bare.rps:.0f}/s",
            home.rps / other_home.rps,
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
        return paired_rounds(server, headers, pages)
