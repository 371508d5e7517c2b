"""Load generators: `load(url, headers, connections, seconds)` -> requests/s, p50, p99, errors.

wrk where it is installed (apt-get install wrk), otherwise a small asyncio HTTP/1.1 client
with keep-alive connections, in its own process so that it never shares the
interpreter with what it measures. Both count as errors: failed connections, timeouts
and any answer but 200.
"""

import asyncio
import multiprocessing
import re
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

TIMEOUT_SECONDS = 5


@dataclass(frozen=True)
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    tool: str


def load(url, *, headers, connections=32, seconds=5):
    if shutil.which("wrk"):
        return _wrk(url, headers, connections, seconds)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_asyncio_load, (url, headers, connections, seconds))


# --- wrk ------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def _wrk(url, headers, connections, seconds):
    command = ["wrk", "--latency", f"-t{min(2, connections)}", f"-c{connections}"]
    command += [f"-d{seconds}s", f"--timeout={TIMEOUT_SECONDS}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603 - wrk with our own arguments
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)\s*$", output, flags=re.MULTILINE))
    if set(percentiles) != {"50", "99"}:
        raise RuntimeError(f"wrk printed no latency distribution:\n{output}")
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    not_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    errors += int(not_ok.group(1)) if not_ok else 0
    return Load(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_ms(percentiles["50"]),
        p99_ms=_ms(percentiles["99"]),
        errors=errors,
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        tool="wrk",
    )


# --- asyncio client -------------------------------------------------------------------


def _asyncio_load(url, headers, connections, seconds):
    return asyncio.run(_run_clients(url, headers, connections, seconds))


async def _run_clients(url, headers, connections, seconds):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"GET {path} HTTP/1.1", f"Host: {parts.hostname}"]
    lines += [f"{name}: {value}" for name, value in headers.items() if name.lower() != "host"]
    if "host" in {name.lower() for name in headers}:
        lines[1] = f"Host: {headers.get('Host') or headers.get('host')}"
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    latencies, errors = [], [0]
    deadline = time.monotonic() + seconds

    async def client():
        reader = writer = None
        while time.monotonic() < deadline:
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
                start = time.perf_counter()
                writer.write(request)
                status, close = await asyncio.wait_for(_read_response(reader), TIMEOUT_SECONDS)
                latencies.append((time.perf_counter() - start) * 1000)
                if status != 200:
                    errors[0] += 1
                if close:
                    writer.close()
                    writer = None
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError):
                errors[0] += 1
                if writer is not None:
                    writer.close()
                writer = None
        if writer is not None:
            writer.close()

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = time.monotonic() - started
    ordered = sorted(latencies) or [0.0]
    return Load(
        rps=len(latencies) / elapsed,
        p50_ms=statistics.median(ordered),
        p99_ms=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        errors=errors[0],
        requests=len(latencies),
        tool="asyncio client",
    )


async def _read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    fields = {}
    for line in header_lines:
        if ":" in line:
            name, value = line.split(":", 1)
            fields[name.strip().lower()] = value.strip()
    if "content-length" in fields:
        await reader.readexactly(int(fields["content-length"]))
    elif fields.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status, fields.get("connection", "").lower() == "close"
