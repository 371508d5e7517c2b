"""The chat benchmark's clients, in a process of their own (bench/space_chat.py starts it):
`python -m bench._chat_client SPEC.json` prints one JSON object, the rounds it measured.

No Django here: members are WebSocket clients with a session cookie, and the bare Redis
reference is as many PUBLISH/SUBSCRIBE connections. Each round sends MESSAGES messages,
RATE a second, each from the next member, and waits until every member has each of them
(after a warm-up round of WARM_UP messages);
a chat round and a bare Redis round alternate, so that a busy moment of the machine falls
on both alike. Times are taken in this process, at send and at receipt.
"""

import asyncio
import json
import os
import statistics
import sys
import time

CONNECT_BATCH = 50  # sockets opened at once
WARM_UP = 10  # messages
TIMEOUT = 60  # seconds for every member to have every message of a round


async def main(spec):
    start = time.perf_counter()
    sockets = await _connect(spec)
    _progress(f"{len(sockets)} sockets open in {time.perf_counter() - start:.1f} s")
    subscribers, publisher = await _subscribe(spec)
    rounds = []
    try:
        # Warm-up, not measured: a round that reaches every server process (their first
        # message opens database connections and imports code), then the bare Redis one.
        chat_send, redis_send = _chat_sender(sockets), _redis_sender(publisher)
        warm = [f"{spec['prefix']}-warm-{n}" for n in range(WARM_UP)]
        await _round(sockets, _ws_receive, chat_send, warm, spec["rate"], 0)
        await _round(subscribers, _redis_receive, redis_send, warm, spec["rate"], 0)
        sender = WARM_UP
        for number in range(spec["rounds"]):
            ids = [f"{spec['prefix']}-{number}-{n}" for n in range(spec["messages"])]
            chat = await _round(sockets, _ws_receive, chat_send, ids, spec["rate"], sender)
            sender += len(ids)
            bare = await _round(subscribers, _redis_receive, redis_send, ids, spec["rate"], 0)
            rounds.append({"chat": _summary(chat), "bare": _summary(bare)})
            _progress(f"round {number + 1}: {rounds[-1]}")
    finally:
        await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
        for pubsub in subscribers:
            await pubsub.aclose()
        await publisher.aclose()
    return {"rounds": rounds}


async def _connect(spec):
    import websockets

    headers = {"Origin": spec["origin"]}

    async def one(cookie):
        return await websockets.connect(
            spec["url"],
            additional_headers={**headers, "Cookie": cookie},
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


def _chat_sender(sockets):
    async def send(member, client_id):
        message = {"type": "message", "body": "bench", "client_id": client_id}
        await sockets[member % len(sockets)].send(json.dumps(message))

    return send


def _redis_sender(publisher):
    async def send(member, key):
        await publisher.publish(publisher.bench_channel, key)

    return send


async def _ws_receive(ws):
    """The client id of the next chat message on the socket, None for other events."""
    event = json.loads(await ws.recv())
    if event.get("type") == "error":
        raise RuntimeError(f"the chat refused a bench message: {event}")
    return event.get("client_id") if event.get("type") == "message" else None


async def _redis_receive(pubsub):
    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=TIMEOUT)
    return message["data"].decode() if message else None


async def _round(members, receive, send, ids, rate, first_sender):
    """Send `ids` (one from each member in turn, `rate` a second; 0: all at once) and wait
    until every member has each of them: the latency of every delivery, in ms."""
    sent_at, latencies = {}, []

    async def listen(member):
        missing = set(ids)
        while missing:
            key = await receive(member)
            if key in missing:
                latencies.append((time.perf_counter() - sent_at[key]) * 1000)
                missing.discard(key)

    listeners = [asyncio.create_task(listen(member)) for member in members]
    start = time.perf_counter()
    for number, key in enumerate(ids):
        if rate:  # on a fixed schedule, however long a send takes
            await asyncio.sleep(max(0, start + number / rate - time.perf_counter()))
        sent_at[key] = time.perf_counter()
        await send(first_sender + number, key)
    try:
        await asyncio.wait_for(asyncio.gather(*listeners), timeout=TIMEOUT)
    finally:
        for task in listeners:
            task.cancel()
    return latencies


def _progress(text):
    if _VERBOSE:
        print(f"      [{len(_SPEC_COOKIES)}] {text}", file=sys.stderr, flush=True)


def _summary(latencies):
    ordered = sorted(latencies)
    return {
        "p50": statistics.median(ordered),
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        "deliveries": len(ordered),
    }


_VERBOSE = bool(os.environ.get("BENCH_VERBOSE"))
_SPEC_COOKIES = []

if __name__ == "__main__":
    with open(sys.argv[1]) as file:
        spec = json.load(file)
    _SPEC_COOKIES[:] = spec["cookies"]
    print(json.dumps(asyncio.run(main(spec))))
