"""Space chat delivery: latency p50/p99 for 50 and 200 members and burst throughput, as a ratio
to a bare Redis PUBLISH/SUBSCRIBE round trip measured in the same run.

Runs only with PostgreSQL and Redis (DATABASE_URL, REDIS_URL): the chat goes through the
real ASGI server (uvicorn, in its own process, DEBUG off) and the Redis channel layer.

Latency is measured in a busy room: RATE messages a second, each from a different member
(every one of them delivered to every member), after one warm-up message has reached all.
Throughput is measured apart, with BURST messages sent at once. The bare Redis round trip
runs with the same members, rate and burst.
Targets: p99 under 100 ms at 200 members; p99 under 10x bare Redis.
"""

import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test.utils import override_settings

SIZES = (50, 200)
MESSAGES = 40
RATE = 10  # messages a second during the latency round
BURST = 40
TARGET_P99_MS = 100
TARGET_RATIO = 10


def run():
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        print("   skipped: needs DATABASE_URL (PostgreSQL) and REDIS_URL (README: Development)")
        return True
    secret_key = secrets.token_urlsafe(50)
    space, cookies = _community(max(SIZES), secret_key)
    port = _free_port()
    server = _start_server(port, secret_key)
    print(f"   latency at {RATE} messages/s, {MESSAGES} messages; throughput: {BURST} at once")
    try:
        ok = True
        for size in SIZES:
            try:
                chat = asyncio.run(_chat_round(port, space.slug, cookies[:size], f"r{size}"))
            except (TimeoutError, OSError) as error:
                print(f"   {size:>3} members: not every message arrived within 60 s ({error!r})")
                ok = False
                continue
            bare = asyncio.run(_redis_round(size))
            ratio = chat["p99"] / bare["p99"] if bare["p99"] else float("inf")
            print(
                f"   {size:>3} members: chat p50 {chat['p50']:.1f} ms, p99 {chat['p99']:.1f} ms, "
                f"burst {chat['rate']:.0f} deliveries/s | bare Redis p50 {bare['p50']:.2f} ms, "
                f"p99 {bare['p99']:.2f} ms, burst {bare['rate']:.0f}/s | "
                f"ratio p99 {ratio:.1f} (target < {TARGET_RATIO})"
            )
            ok = ok and ratio < TARGET_RATIO and (size < 200 or chat["p99"] < TARGET_P99_MS)
        return ok
    finally:
        server.terminate()
        server.wait(timeout=10)


def _community(size, secret_key):
    from members.models import Profile, User
    from spaces.models import Membership, Space

    space = Space.objects.create(name="Bench", slug="bench")
    users = User.objects.bulk_create(
        [User(email=f"chat{n}@example.org", password="!") for n in range(size)]
    )
    Profile.objects.bulk_create([Profile(user=u, display_name=f"Membre {u.pk}") for u in users])
    Membership.objects.bulk_create([Membership(space=space, user=u) for u in users])
    cookies = []
    with override_settings(SECRET_KEY=secret_key):  # the server's key signs the auth hash
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


def _start_server(port, secret_key):
    database = settings.DATABASES["default"]
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "60",
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
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


async def _chat_round(port, slug, cookies, prefix):
    """Each message has an id of this round: the chat ignores a client id it has seen."""
    import websockets

    url = f"ws://127.0.0.1:{port}/ws/spaces/{slug}/chat/"
    sockets = [
        await websockets.connect(
            url,
            additional_headers={"Cookie": f"sessionid={cookie}", "Origin": "http://127.0.0.1"},
            max_queue=None,
        )
        for cookie in cookies
    ]

    async def send(number, client_id):
        sender = sockets[number % len(sockets)]
        await sender.send(json.dumps({"type": "message", "body": "bench", "client_id": client_id}))

    try:
        await _deliver_everywhere(sockets, [f"{prefix}-warm"], send, interval=0)
        latencies = await _deliver_everywhere(
            sockets, [f"{prefix}-m{n}" for n in range(MESSAGES)], send, interval=1 / RATE
        )
        start = time.perf_counter()
        burst = await _deliver_everywhere(
            sockets, [f"{prefix}-b{n}" for n in range(BURST)], send, interval=0, offset=MESSAGES
        )
        elapsed = time.perf_counter() - start
    finally:
        for ws in sockets:
            await ws.close()
    return {**_summary(latencies), "rate": len(burst) / elapsed}


async def _deliver_everywhere(sockets, ids, send, *, interval, offset=0):
    """Send the messages `ids` (one per member, `interval` seconds apart) and wait until
    every socket has each of them; the latency of every delivery, in ms."""
    sent_at, latencies = {}, []
    wanted = set(ids)

    async def listen(ws):
        missing = set(wanted)
        while missing:
            event = json.loads(await ws.recv())
            client_id = event.get("client_id")
            if event.get("type") == "message" and client_id in missing:
                latencies.append((time.perf_counter() - sent_at[client_id]) * 1000)
                missing.discard(client_id)
            elif event.get("type") == "error":
                raise RuntimeError(f"the chat refused a bench message: {event}")

    listeners = [asyncio.create_task(listen(ws)) for ws in sockets]
    for number, client_id in enumerate(ids):
        sent_at[client_id] = time.perf_counter()
        await send(offset + number, client_id)
        if interval:
            await asyncio.sleep(interval)
    await asyncio.wait_for(asyncio.gather(*listeners), timeout=60)
    return latencies


async def _redis_round(size):
    import redis.asyncio as redis

    client = redis.from_url(settings.REDIS_URL, max_connections=size + 10)
    subscribers = []
    for _ in range(size):
        pubsub = client.pubsub()
        await pubsub.subscribe("bench-chat")
        await pubsub.get_message(timeout=1)
        subscribers.append(pubsub)

    async def send(number, key):
        await client.publish("bench-chat", key)

    try:
        latencies = await _deliver_pubsub(
            subscribers, [f"m{n}" for n in range(MESSAGES)], send, interval=1 / RATE
        )
        start = time.perf_counter()
        burst = await _deliver_pubsub(subscribers, [f"b{n}" for n in range(BURST)], send)
        elapsed = time.perf_counter() - start
    finally:
        for pubsub in subscribers:
            await pubsub.aclose()
        await client.aclose()
    return {**_summary(latencies), "rate": len(burst) / elapsed}


async def _deliver_pubsub(subscribers, ids, send, *, interval=0):
    sent_at, latencies = {}, []

    async def listen(pubsub):
        missing = set(ids)
        while missing:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5)
            if message and message["data"].decode() in missing:
                latencies.append((time.perf_counter() - sent_at[message["data"].decode()]) * 1000)
                missing.discard(message["data"].decode())

    listeners = [asyncio.create_task(listen(p)) for p in subscribers]
    for key in ids:
        sent_at[key] = time.perf_counter()
        await send(0, key)
        if interval:
            await asyncio.sleep(interval)
    await asyncio.wait_for(asyncio.gather(*listeners), timeout=60)
    return latencies


def _summary(latencies):
    ordered = sorted(latencies)
    return {
        "p50": statistics.median(ordered),
        "p99": ordered[max(0, int(len(ordered) * 0.99) - 1)],
    }
