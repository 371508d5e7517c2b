"""The chat benchmark's clients, in processes of their own (bench/space_chat.py starts them):
`python -m bench._chat_client SPEC.json`. Each process opens its share of the members'
sockets and as many bare Redis subscriber connections, prints "ready", waits for "go" on
its standard input, then prints one JSON object: every latency it measured, by round.

No Django here: members are WebSocket clients with a session cookie. Only the first process
sends, from its own members in turn: a warm-up round of WARM_UP messages (not measured; it
reaches every server process, whose first message opens database connections), then ROUNDS
rounds of MESSAGES messages, RATE a second, a chat round and a bare Redis round in turn so
that a busy moment of the machine falls on both alike. Each message carries its send time
(CLOCK_MONOTONIC, shared by the processes of the machine), so any process measures the
latency of what it receives.
"""

import asyncio
import json
import os
import sys
import time

CONNECT_BATCH = 50  # sockets opened at once
WARM_UP = 10  # messages
SETTLE = 0.3  # seconds between rounds
TIMEOUT = 60  # seconds without a message before a client process gives up


async def main(spec):
    start = time.monotonic()
    sockets = await _connect(spec)
    subscribers, publisher = await _subscribe(spec)
    _progress(spec, f"{len(sockets)} sockets open in {time.monotonic() - start:.1f} s")
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    rounds = ["warm", *(str(n) for n in range(spec["rounds"]))]
    ids = {r: _ids(spec, r) for r in rounds}
    latencies = {"chat": {r: [] for r in rounds}, "bare": {r: [] for r in rounds}}
    listeners = [
        *(asyncio.create_task(_listen(ws, _ws_receive, ids, latencies["chat"])) for ws in sockets),
        *(
            asyncio.create_task(_listen(p, _redis_receive, ids, latencies["bare"]))
            for p in subscribers
        ),
    ]
    try:
        if spec["sender"]:
            await _send_rounds(spec, sockets, publisher, rounds, ids, latencies)
        await _until_done(listeners, latencies)
    finally:
        for task in listeners:
            task.cancel()
        await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
        for pubsub in subscribers:
            await pubsub.aclose()
        await publisher.aclose()
    return latencies


async def _until_done(listeners, latencies):
    """Wait for the listeners; fail when no message arrived for TIMEOUT seconds."""
    done = asyncio.gather(*listeners)
    count, quiet_since = -1, time.monotonic()
    while not done.done():
        now = sum(len(values) for kind in latencies.values() for values in kind.values())
        if now != count:
            count, quiet_since = now, time.monotonic()
        elif time.monotonic() - quiet_since > TIMEOUT:
            done.cancel()
            raise TimeoutError(f"no message for {TIMEOUT} s; {count} deliveries measured")
        await asyncio.wait([done], timeout=0.5)
    done.result()


async def _send_rounds(spec, sockets, publisher, rounds, ids, latencies):
    """Each round waits until this process's members have all of the round before."""
    member = 0
    for name in rounds:
        for kind in ("chat", "bare"):
            sent = await _send_round(spec, sockets, publisher, kind, ids[name], member)
            member += sent if kind == "chat" else 0
            wanted = len(ids[name]) * len(sockets)  # as many subscribers as sockets
            deadline = time.monotonic() + TIMEOUT
            while len(latencies[kind][name]) < wanted and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            await asyncio.sleep(SETTLE)
        _progress(spec, f"round {name} sent")


async def _send_round(spec, sockets, publisher, kind, ids, first_member):
    start = time.monotonic()
    for number, key in enumerate(ids):  # on a fixed schedule, however long a send takes
        await asyncio.sleep(max(0, start + number / spec["rate"] - time.monotonic()))
        payload = f"{key} {time.monotonic()!r}"
        if kind == "chat":
            ws = sockets[(first_member + number) % len(sockets)]
            await ws.send(json.dumps({"type": "message", "body": payload, "client_id": key}))
        else:
            await publisher.publish(publisher.bench_channel, payload)
    return len(ids)


def _ids(spec, name):
    count = WARM_UP if name == "warm" else spec["messages"]
    return [f"{spec['prefix']}-{name}-{n}" for n in range(count)]


async def _listen(member, receive, ids, latencies):
    """Until the member has every message of every round: the latency of each, in ms."""
    round_of = {key: name for name, keys in ids.items() for key in keys}
    missing = set(round_of)
    while missing:
        payload = await receive(member)
        if payload is None:
            continue
        key, _, sent_at = payload.partition(" ")
        if key in missing:
            latencies[round_of[key]].append((time.monotonic() - float(sent_at)) * 1000)
            missing.discard(key)


async def _connect(spec):
    import websockets

    async def one(cookie):
        return await websockets.connect(
            spec["url"],
            additional_headers={"Origin": spec["origin"], "Cookie": cookie},
            max_queue=None,
            open_timeout=TIMEOUT,
        )

    sockets = []
    cookies = spec["cookies"]
    for start in range(0, len(cookies), CONNECT_BATCH):
        sockets += await asyncio.gather(*(one(c) for c in cookies[start : start + CONNECT_BATCH]))
    return sockets


async def _subscribe(spec):
    import redis.asyncio as redis

    channel = f"bench-chat-{spec['prefix']}"
    subscribers = []
    for _ in spec["cookies"]:
        pubsub = redis.from_url(spec["redis_url"]).pubsub()
        await pubsub.subscribe(channel)
        await pubsub.get_message(timeout=1)  # the subscription's confirmation
        subscribers.append(pubsub)
    publisher = redis.from_url(spec["redis_url"])
    publisher.bench_channel = channel
    return subscribers, publisher


async def _ws_receive(ws):
    """The body of the next chat message on the socket, None for other events."""
    event = json.loads(await ws.recv())
    if event.get("type") == "error":
        raise RuntimeError(f"the chat refused a bench message: {event}")
    return event.get("body") if event.get("type") == "message" else None


async def _redis_receive(pubsub):
    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=TIMEOUT)
    return message["data"].decode() if message else None


def _progress(spec, text):
    if os.environ.get("BENCH_VERBOSE"):
        print(f"      [{spec['name']}] {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    with open(sys.argv[1]) as file:
        spec = json.load(file)
    print(json.dumps(asyncio.run(main(spec))), flush=True)
