"""The production servers start from their configs (docker/gunicorn.conf.py for the pages,
docker/live.conf.py for the sockets), as docker/entrypoint.sh starts them, and answer; where
Caddy is installed, docker/Caddyfile sends /ws/ to the one and the rest to the other.

One worker each, on loopback and free ports, with this test run's settings and database
(/health/ reads nothing). That a message written through the pages' server reaches a socket
of the live server needs Redis and PostgreSQL shared by both: README.md, "Performance",
says how it was checked.
"""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.deployment.checks import ROOT, read

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, headers=()):
    """The status a GET answers with, or None while nothing listens."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", path, headers={"Host": "localhost", **dict(headers)})
        status = conn.getresponse().status
        conn.close()
        return status
    except OSError:
        return None


def opening_handshake(port, path):
    """The status a WebSocket opening handshake for `path` gets: 101 or 403 from the sockets'
    server (an anonymous visitor's socket is refused), 404 from the pages' server."""
    return get(
        port,
        path,
        {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version": "13",
            "Origin": "http://localhost",
        },
    )


@contextmanager
def started(command, environment, port):
    process = subprocess.Popen(  # noqa: S603 - our own servers, fixed arguments
        command, cwd=ROOT, env={**os.environ, **environment}, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while get(port, "/health/") is None and process.poll() is None:
            if time.monotonic() > deadline:
                break
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def servers():
    """{"web": port, "live": port}, both servers answering."""
    ports = {"web": free_port(), "live": free_port()}
    quiet = ["--log-level", "warning"]
    web = [str(GUNICORN), "--config", "docker/gunicorn.conf.py", *quiet]
    live = [str(GUNICORN), "--config", "docker/live.conf.py", *quiet]
    on_loopback = {"HOST": "127.0.0.1"}
    web_environment = {"PORT": str(ports["web"]), "WEB_WORKERS": "1", "WEB_THREADS": "2"}
    live_environment = {"LIVE_PORT": str(ports["live"]), "LIVE_WORKERS": "1"}
    with (
        started(web, {**on_loopback, **web_environment}, ports["web"]),
        started(live, {**on_loopback, **live_environment}, ports["live"]),
    ):
        yield ports


def test_the_pages_server_and_the_sockets_server_start_and_answer(servers):
    assert get(servers["web"], "/health/") == 200
    assert get(servers["live"], "/health/") == 200
    assert opening_handshake(servers["web"], "/ws/me/") == 404
    assert opening_handshake(servers["live"], "/ws/me/") in (101, 403)


@pytest.mark.skipif(not shutil.which("caddy"), reason="Caddy is not installed")
def test_the_proxy_sends_sockets_to_the_live_server_and_pages_to_the_web_server(servers, tmp_path):
    port = free_port()
    caddyfile = read("docker/Caddyfile")
    caddyfile = caddyfile.replace("live:8001", f"127.0.0.1:{servers['live']}")
    caddyfile = caddyfile.replace("web:8000", f"127.0.0.1:{servers['web']}")
    (tmp_path / "Caddyfile").write_text("{\n\tadmin off\n}\n" + caddyfile)
    command = ["caddy", "run", "--config", str(tmp_path / "Caddyfile"), "--adapter", "caddyfile"]
    environment = {
        "SITE_ADDRESS": f":{port}",  # plain HTTP on a port: no certificate
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    with started(command, environment, port):
        assert get(port, "/health/") == 200
        assert opening_handshake(port, "/ws/me/") in (101, 403)
        assert get(port, "/ws/me/") == 404  # no upgrade: Django over HTTP on live
