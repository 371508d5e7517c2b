"""The production servers start from their configs (docker/gunicorn.conf.py for the pages,
docker/live.conf.py for the sockets), as docker/entrypoint.sh starts them, and answer.

One worker each, on loopback and free ports, with this test run's settings and database
(/health/ reads nothing). That a message written through the pages' server reaches a socket
of the live server needs Redis and PostgreSQL shared by both: README.md, "Production", says
how it was checked.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.deployment.checks import ROOT

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def health(port):
    """The status /health/ answers with, or None while nothing listens."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/health/", headers={"Host": "localhost"})
        status = conn.getresponse().status
        conn.close()
        return status
    except OSError:
        return None


@contextmanager
def server(config, environment):
    process = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        [str(GUNICORN), "--config", config, "--log-level", "warning"],
        cwd=ROOT,
        env={**os.environ, "HOST": "127.0.0.1", **environment},
        start_new_session=True,
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for_health(process, port):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if status := health(port):
            return status
        time.sleep(0.2)
    return f"no answer (exit status {process.poll()})"


def test_the_pages_server_and_the_sockets_server_start_and_answer():
    web_port, live_port = free_port(), free_port()
    with ExitStack() as servers:
        web = servers.enter_context(
            server(
                "docker/gunicorn.conf.py",
                {"PORT": str(web_port), "WEB_WORKERS": "1", "WEB_THREADS": "2"},
            )
        )
        live = servers.enter_context(
            server("docker/live.conf.py", {"LIVE_PORT": str(live_port), "LIVE_WORKERS": "1"})
        )
        assert wait_for_health(web, web_port) == 200
        assert wait_for_health(live, live_port) == 200
