"""Space chat delivery at 50, 200 and 1,000 members: p50/p99 from send to every member's
receipt, beside a bare Redis PUBLISH/SUBSCRIBE round trip measured in the same run.

Runs only with PostgreSQL and Redis (DATABASE_URL, REDIS_URL): the chat goes through the
production sockets' server (bench/_server.py, "live": gunicorn, several uvicorn workers, so
members' sockets spread across processes), DEBUG off, and the Redis channel layer. The
members are WebSocket clients in CLIENT_PROCESSES other processes (bench/_chat_client.py),
which also run the bare Redis reference with as many subscriber connections, and start
together once every socket is open. BENCH_CHAT_SIZES=50 measures only the sizes it names
(a smoke run).

Each size: a warm-up round, then ROUNDS rounds of MESSAGES messages, RATE a second, each from
the next member and delivered to every member; a chat round and a bare Redis round
alternate. The figure is the median round (by p99) of each. Targets: p99 under 100 ms at
200 members, under 250 ms at 1,000; p99 under 5x bare Redis at every size.

BENCH_CHAT_LAYERS=pubsub,core measures each channel layer in turn (CHANNEL_LAYER, see
community/settings.py); by default, the configured one.

Measured on 2026-12-01 on the shared 2-core machine, busy with other work (load average 6
to 12), so every figure here is noisy; 3 workers (pages and sockets then shared one server
of cores + 1 workers; the sockets' server now has one a core), median of 3 rounds of 30
messages at 10/s; p99 (bare Redis p99, ratio):
  pubsub, 1 client process:   50: 64 ms (15.5, 4.1)     200: 115 ms (40.7, 2.8)
  core,   1 client process:   50: 441 ms (22.8, 19.3)   200: 156 ms (34.9, 4.5); one round
                              983 ms, and Redis read timeouts while 200 sockets closed
  pubsub, 2 client processes: 50: 54-102 ms (14-17, 3.2-7.1)   200: 343-495 ms (51-68,
                              5.1-9.7)   1,000: 12.6 s (716 ms, 17.6); opening the 1,000
                              sockets took 140-190 s
  the same once presence reads columns (load average 6 to 8; the whole benchmark 224 s):
                              50: 45 ms (12.3, 3.7)   200: 95 ms (33.8, 2.8)
                              1,000: 9.3 s, p50 4.6 s (377 ms, 24.7); 1,000 sockets open in
                              68 s. At 1,000 members the server cannot keep up with 10,000
                              deliveries a second on two shared cores (nor quite the clients:
                              bare Redis p99 338 ms to 1 s).
The pubsub layer is kept: it publishes a group message once and each server process fans
it out to its own sockets (one Redis subscription per room and process), the "one fan-out
per process" design; the core layer writes one copy per socket into Redis. py-spy on a
worker at 200 members: the socket write (the send system call) is three quarters of a
delivery, per-message deflate another tenth.

1,000 members, 2026-12-01, the same machine shared with another engineer's page benchmarks
(wrk; load average 4 to 9 through the series), BENCH_CHAT_SIZES=1000, 2 live workers
unless said; three interleaved series, each figure the benchmark's own (p99 of the median
round), by series; bare Redis p99 of the same run in brackets:
  before (Channels' queue per socket, deflate on): 2,768 (99), 1,792 (102), 2,089 ms (97);
      ratio 17.5 to 28; p50 0.6 to 2.3 s. py-spy (2 workers, 25 s): workers busy; the
      socket write 20% of their samples, per-message deflate 13%, Channels' queue, receive
      task and wake-up per socket about a quarter (await_many_dispatch, Queue.get, futures).
  one fan-out per process (common.relay), deflate on: 77 (68), 94 (158), 93 ms (88);
      ratio 0.6 to 1.1; p50 43 to 47 ms.
  the same, deflate off (docker/live_worker.py): 67 (70), 77 (86), 83 ms (88); ratio 0.9
      to 1.0; p50 39 to 46 ms.
  the same, 1 live worker: 168 (520: a busy moment), 80 (78), 77 ms (87); ratio 0.3 to
      1.0; p50 38 to 67 ms; its sockets open in 23 to 32 s against 15 to 19 s with 2.
  Opening the 1,000 sockets: 25 to 27 s before, 15 to 19 s after (the fan-out, and one
      Redis client per process for the cache instead of one per socket, common.cache:
      with the 1,000 sockets open, the two workers held 543 and 461 Redis connections
      before, 3 and 3 after).
The workers' CPU while the messages went out (about 100,000 deliveries, 25 s; one run
each, load 4 to 8): 13.0 s before, 6.1 s with the fan-out, 4.3 s without deflate too: 130,
61 and 43 microseconds a delivery. py-spy after: the workers idle four fifths of the
time; of the rest, the socket write is most of a delivery, then Channels' and uvicorn's
send wrappers. Deflate saves some 250 of 300 bytes a chat message (zlib with the socket's
context); off, 10,000 deliveries a second are some 2.5 MB/s more in all, 2.5 KB/s to each
member, against 18 microseconds of server CPU a delivery: off by default.
The chat now runs as fast as the clients' bare Redis subscribers (ratio about 1), so at
1,000 members the figure is the client processes' and the machine's, not the server's.
Two whole runs on a quieter moment (load average 1.3 to 3.5), every size, p99 (bare Redis
p99, ratio): 50: 16.6 and 14.5 ms (3.7 and 3.5; 4.5 and 4.1: a chat message is stored
before it is sent, some 10 ms at p50, so the ratio at 50 stays near 5 while bare Redis
takes 3 ms), 200: 16.2 and 15.0 ms (8.4 and 9.5; 1.9 and 1.6), 1,000: 43.9 and 50.3 ms,
p50 28 and 29 ms (40.9 and 50.9; 1.07 and 0.99); the benchmark 86 s, 90 s.
"""

import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from bench._server import Server, session_cookie
from bench._table import Result

SIZES = tuple(int(n) for n in os.environ.get("BENCH_CHAT_SIZES", "50,200,1000").split(","))
ROUNDS = 3
MESSAGES = 30
RATE = 10  # messages a second
CLIENT_PROCESSES = 2
CLIENT_TIMEOUT = 300  # seconds
TARGET_P99_MS = {200: 100, 1000: 250}
TARGET_RATIO = 5
# The production command, without a log line for every socket opened and closed.
QUIET = ("--log-level", "warning")
ROOT = Path(__file__).resolve().parent.parent


def run():
    name = "space chat"
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        return [Result.skipped(name, "needs DATABASE_URL (PostgreSQL) and REDIS_URL")]
    layers = [
        layer.strip() for layer in os.environ.get("BENCH_CHAT_LAYERS", "").split(",") if layer
    ] or [None]
    spaces, cookies = _community(SIZES)
    print(f"   {ROUNDS} rounds of {MESSAGES} messages at {RATE}/s per size; median round")
    results = []
    for layer in layers:
        env = {"CHANNEL_LAYER": layer} if layer else {}
        with Server("live", env=env, arguments=QUIET) as server:
            label = f"{name} ({layer or settings.CHANNEL_LAYER} layer)"
            for size in SIZES:
                results.append(_measure(label, server.port, spaces[size], cookies[:size], size))
    return results


def _measure(label, port, slug, cookies, size):
    benchmark = f"{label}, {size:,} members"
    spec = {
        "url": f"ws://127.0.0.1:{port}/ws/spaces/{slug}/chat/",
        "origin": "http://127.0.0.1",
        "redis_url": settings.REDIS_URL,
        "rounds": ROUNDS,
        "messages": MESSAGES,
        "rate": RATE,
        "prefix": f"{slug}-{secrets.token_hex(4)}",
    }
    start = time.perf_counter()
    try:
        latencies = _clients(spec, cookies)
    except RuntimeError as error:
        print(f"   {size:>5} members: {error}")
        return Result(benchmark, "not every message arrived", passed=False)
    rounds = [str(n) for n in range(ROUNDS)]
    chat = [_summary(latencies["chat"][r]) for r in rounds]
    bare = [_summary(latencies["bare"][r]) for r in rounds]
    chat_p99s = ", ".join(f"{r['p99']:.0f}" for r in chat)
    bare_p99s = ", ".join(f"{r['p99']:.1f}" for r in bare)
    chat, bare = _median_round(chat), _median_round(bare)
    ratio = chat["p99"] / bare["p99"] if bare["p99"] else float("inf")
    target_ms = TARGET_P99_MS.get(size)
    target = f"ratio < {TARGET_RATIO}" + (f", p99 < {target_ms} ms" if target_ms else "")
    passed = ratio < TARGET_RATIO and (target_ms is None or chat["p99"] < target_ms)
    print(
        f"   {size:>5} members: p99 by round, chat {chat_p99s} ms, bare Redis {bare_p99s} ms "
        f"({time.perf_counter() - start:.0f} s)",
        flush=True,
    )
    return Result(
        benchmark,
        f"p50 {chat['p50']:.1f} ms, p99 {chat['p99']:.1f} ms",
        f"bare Redis p99 {bare['p99']:.1f} ms",
        ratio,
        target,
        passed,
    )


def _summary(latencies):
    ordered = sorted(latencies)
    return {
        "p50": statistics.median(ordered),
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
    }


def _median_round(rounds):
    """The round whose p99 is the median one (the lower of two middles)."""
    ordered = sorted(rounds, key=lambda r: r["p99"])
    return ordered[(len(ordered) - 1) // 2]


def _clients(spec, cookies):
    """Run the clients, CLIENT_PROCESSES processes sharing the members, and start them
    together once every one has its sockets open; the latencies of all, by round."""
    count = min(CLIENT_PROCESSES, len(cookies))
    files, processes = [], []
    try:
        for number in range(count):
            share = cookies[number::count]
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
                json.dump(
                    {
                        **spec,
                        "cookies": share,
                        "sender": number == 0,
                        "name": f"{len(cookies)}/{number}",
                    },
                    file,
                )
            files.append(file.name)
            processes.append(
                subprocess.Popen(  # noqa: S603 - our own client, fixed arguments
                    [sys.executable, "-m", "bench._chat_client", file.name],
                    cwd=ROOT,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,  # its errors go to our stderr
                    text=True,
                )
            )
        for process in processes:
            if process.stdout.readline().strip() != "ready":
                raise RuntimeError("a client process failed to open its sockets")
        for process in processes:
            process.stdin.write("go\n")
            process.stdin.flush()
        merged = {"chat": {}, "bare": {}}
        for process in processes:
            out, _ = process.communicate(timeout=CLIENT_TIMEOUT)
            if process.returncode != 0:
                raise RuntimeError(f"a client process failed (exit status {process.returncode})")
            for kind, rounds in json.loads(out).items():
                for name, values in rounds.items():
                    merged[kind].setdefault(name, []).extend(values)
        return merged
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        for name in files:
            os.unlink(name)


def _community(sizes):
    """One space per size, its members the first `size` of the same members; their cookies."""
    from members.models import Profile, User
    from spaces.models import Membership, Space

    users = User.objects.bulk_create(
        [User(email=f"chat{n}@example.org", password="!") for n in range(max(sizes))]
    )
    Profile.objects.bulk_create([Profile(user=u, display_name=f"Membre {u.pk}") for u in users])
    spaces = {}
    for size in sizes:
        space = Space.objects.create(name=f"Bench {size}", slug=f"bench-{size}")
        Membership.objects.bulk_create([Membership(space=space, user=u) for u in users[:size]])
        spaces[size] = space.slug
    return spaces, [session_cookie(user) for user in users]
