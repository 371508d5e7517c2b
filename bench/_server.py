"""A production server, started for a benchmark: the command docker/entrypoint.sh runs for a
role, on loopback, against the benchmark's database. "web" serves the pages (gunicorn's
threaded WSGI workers, docker/gunicorn.conf.py), "live" the sockets (gunicorn with uvicorn
workers, docker/live.conf.py); both answer /health/.

    with Server("web", workers=3) as server:
        server.url("/fr/")                           # http://127.0.0.1:PORT/fr/
        cookie = session_cookie(user)                # "sessionid=..." for a signed-in client
    with Server("live") as server:
        server.url("/ws/me/", scheme="ws")           # ws://127.0.0.1:PORT/ws/me/
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.utils.module_loading import import_string

ROOT = Path(__file__).resolve().parent.parent
# The role's config, and the variables that set its port and its number of workers.
ROLES = {
    "web": ("docker/gunicorn.conf.py", "PORT", "WEB_WORKERS"),
    "live": ("docker/live.conf.py", "LIVE_PORT", "LIVE_WORKERS"),
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    """The URL of the database this process uses (the benchmark's), for the server."""
    if connection.vendor != "postgresql":
        raise RuntimeError("a server started for a benchmark needs PostgreSQL (DATABASE_URL)")
    database = connection.settings_dict
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


def session_cookie(user):
    """A Cookie header value that signs `user` in, in the server's session store."""
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


class Server:
    """gunicorn as in production for `kind` ("web" or "live"), in its own process group,
    until the `with` ends."""

    def __init__(self, kind, *, workers=None, port=None, env=None, arguments=()):
        """`arguments` go after the production ones (bench/throughput.py compares another
        worker class with them)."""
        self.kind = kind
        self.config, self.port_variable, self.workers_variable = ROLES[kind]
        self.arguments = list(arguments)
        self.port = port or free_port()
        self.workers = workers
        self.env = env or {}
        self.process = None

    def url(self, path, scheme="http"):
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def __enter__(self):
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            # The pages' config sizes the pool to its threads; the sockets' as compose does.
            **({"DATABASE_POOL_SIZE": "8"} if self.kind == "live" else {}),
            "HOST": "127.0.0.1",
            self.port_variable: str(self.port),
            "FORWARDED_ALLOW_IPS": "127.0.0.1",
            **({self.workers_variable: str(self.workers)} if self.workers else {}),
            **self.env,
        }
        binary = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
            [str(binary), "--config", self.config, *self.arguments],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        self._wait_until_every_worker_answers()
        return self

    def _wait_until_every_worker_answers(self):
        deadline = time.monotonic() + 60
        answered = 0
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                status = self.process.returncode
                raise RuntimeError(f"the {self.kind} server stopped (exit {status})")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/health/", headers={"Host": "localhost"})
                if conn.getresponse().status == 200:
                    answered += 1
                conn.close()
                if answered >= 10 * (self.workers or 4):
                    return
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"the {self.kind} server did not answer /health/ within 60 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
