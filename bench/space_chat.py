"""Space chat delivery: latency p50/p99 and throughput for 50 and 200 members, as a ratio to
a bare Redis PUBLISH/SUBSCRIBE round trip measured in the same run.

Runs only with PostgreSQL and Redis (DATABASE_URL, REDIS_URL): the chat goes through the
real ASGI server (uvicorn, in its own process) and the Redis channel layer.
Targets: p99 under 100 ms at 200 members; p99 under 10x bare Redis.
"""

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

SIZES = (50, 200)
MESSAGES = 30
TARGET_P99_MS = 100
TARGET_RATIO = 10


def run():
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        print("   skipped: needs DATABASE_URL (PostgreSQL) and REDIS_URL (make bench sets them)")
        return True
    space, cookies = _community(max(SIZES))
    port = _free_port()
    server = _start_server(port)
    try:
        ok = True
        for size in SIZES:
            try:
                chat = asyncio.run(_chat_round(port, space.slug, cookies[:size]))
            except (TimeoutError, OSError) as error:
                print(f"   {size:>3} members: not every message arrived within 60 s ({error!r})")
                ok = False
                continue
            bare = asyncio.run(_redis_round(size))
            ratio = chat["p99"] / bare["p99"] if bare["p99"] else float("inf")
            print(
                f"   {size:>3} members: chat p50 {chat['p50']:.1f} ms, p99 {chat['p99']:.1f} ms, "
                f"{chat['rate']:.0f} deliveries/s | bare Redis p50 {bare['p50']:.2f} ms, "
                f"p99 {bare['p99']:.2f} ms | ratio p99 {ratio:.1f} (target < {TARGET_RATIO})"
            )
            ok = ok and ratio < TARGET_RATIO and (size < 200 or chat["p99"] < TARGET_P99_MS)
        return ok
    finally:
        server.terminate()
        server.wait(timeout=10)


def _community(size):
    from members.models import User
    from spaces.models import Membership, Space

    space = Space.objects.create(name="Bench", slug="bench")
    users = User.objects.bulk_create(
        [User(email=f"chat{n}@example.org", password="!") for n in range(size)]
    )
    from members.models import Profile

    Profile.objects.bulk_create([Profile(user=u, display_name=f"Membre {u.pk}") for u in users])
    Membership.objects.bulk_create([Membership(space=space, user=u) for u in users])
    cookies = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(session.session_key)
    return space, cookies


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(port):
    database = settings.DATABASES["default"]
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "60",
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    server = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        [
            sys.executable,
            "-m",
            "uvicorn",
            "community.asgi:application",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the ASGI server did not start")


async def _chat_round(port, slug, cookies):
    import websockets

    url = f"ws://127.0.0.1:{port}/ws/spaces/{slug}/chat/"
    sockets = []
    for cookie in cookies:
        sockets.append(
            await websockets.connect(
                url,
                additional_headers={"Cookie": f"sessionid={cookie}", "Origin": "http://127.0.0.1"},
                max_queue=None,
            )
        )
    await asyncio.sleep(1.0)  # presence announcements settle
    for ws in sockets:
        await _drain(ws)
    latencies = []
    sent_at = {}

    async def listen(ws):
        while True:
            event = json.loads(await ws.recv())
            if event.get("type") == "message" and event["client_id"] in sent_at:
                latencies.append((time.perf_counter() - sent_at[event["client_id"]]) * 1000)
                if event["client_id"] == f"m{MESSAGES - 1}":
                    return

    listeners = [asyncio.create_task(listen(ws)) for ws in sockets]
    start = time.perf_counter()
    for number in range(MESSAGES):
        sender = sockets[number % len(sockets)]
        client_id = f"m{number}"
        sent_at[client_id] = time.perf_counter()
        await sender.send(json.dumps({"type": "message", "body": "bench", "client_id": client_id}))
        await asyncio.sleep(0.02)
    await asyncio.wait_for(asyncio.gather(*listeners), timeout=60)
    elapsed = time.perf_counter() - start
    for ws in sockets:
        await ws.close()
    return _summary(latencies, elapsed)


async def _drain(ws):
    try:
        while True:
            await asyncio.wait_for(ws.recv(), timeout=0.01)
    except TimeoutError:
        return


async def _redis_round(size):
    import redis.asyncio as redis

    client = redis.from_url(settings.REDIS_URL, max_connections=size + 10)
    subscribers = []
    for _ in range(size):
        pubsub = client.pubsub()
        await pubsub.subscribe("bench-chat")
        await pubsub.get_message(timeout=1)
        subscribers.append(pubsub)
    latencies = []
    sent_at = {}

    async def listen(pubsub):
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5)
            if message:
                key = message["data"].decode()
                latencies.append((time.perf_counter() - sent_at[key]) * 1000)
                if key == f"m{MESSAGES - 1}":
                    return

    listeners = [asyncio.create_task(listen(p)) for p in subscribers]
    start = time.perf_counter()
    for number in range(MESSAGES):
        key = f"m{number}"
        sent_at[key] = time.perf_counter()
        await client.publish("bench-chat", key)
        await asyncio.sleep(0.02)
    await asyncio.wait_for(asyncio.gather(*listeners), timeout=60)
    elapsed = time.perf_counter() - start
    for pubsub in subscribers:
        await pubsub.aclose()
    await client.aclose()
    return _summary(latencies, elapsed)


def _summary(latencies, elapsed):
    ordered = sorted(latencies)
    return {
        "p50": statistics.median(ordered),
        "p99": ordered[max(0, int(len(ordered) * 0.99) - 1)],
        "rate": len(ordered) / elapsed,
    }
