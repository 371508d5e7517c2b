"""The pages' workers share connections evenly (docker/web_worker.py): a worker holding more
than its share stops accepting, one well over it lets its connections go after their
response, the one with the fewest always accepts, and a worker gone or stopping no longer
counts."""

import os
import re
import runpy
import socket
import subprocess
import time
from contextlib import ExitStack
from types import SimpleNamespace

import pytest
from gunicorn.workers.gthread import ThreadWorker

from docker import web_worker
from tests.deployment.checks import ROOT
from tests.deployment.test_servers import GUNICORN, free_port, get, started


@pytest.fixture
def slots():
    """The shared slots, emptied before and after the test."""

    def clear():
        for slot in range(web_worker.SLOTS):
            web_worker._connections[slot] = 0
            web_worker._reported_at[slot] = 0.0
        web_worker._slots_used.value = 0

    clear()
    yield
    clear()


def forked(server, count):
    """`count` workers the master forks, as gunicorn's arbiter does (pre_fork, then listed)."""
    workers = []
    for pid in range(count):
        worker = SimpleNamespace()
        web_worker.pre_fork(server, worker)
        server.WORKERS[1000 + pid] = worker
        workers.append(worker)
    return workers


def reporting(worker_slot, connections, *, alive=True, at=None):
    """A worker (without its sockets and threads) whose loop reported `connections`."""
    worker = web_worker.BalancedThreadWorker.__new__(web_worker.BalancedThreadWorker)
    worker.slot = worker_slot
    worker.nr_conns = connections
    worker.alive = alive
    worker._accepting = True
    worker.ppid = os.getppid()
    worker.tmp = SimpleNamespace(notify=lambda: None)
    worker.sockets = []  # nothing to register in a poller
    web_worker.BalancedThreadWorker.notify(worker)
    if at is not None:
        web_worker._reported_at[worker_slot] = at
    return worker


def test_the_master_gives_each_worker_the_lowest_slot_no_live_worker_holds(slots):
    server = SimpleNamespace(WORKERS={})
    first, second, third = forked(server, 3)
    assert [first.slot, second.slot, third.slot] == [0, 1, 2]
    del server.WORKERS[1001]  # the second worker died and was reaped
    (replacement,) = forked(server, 1)
    assert replacement.slot == 1


def test_a_worker_above_the_fewest_plus_the_slack_stops_accepting(slots):
    web_worker._slots_used.value = 3
    reporting(1, 4)
    reporting(2, 6)
    assert reporting(0, 4 + web_worker.SLACK)._accepting
    crowded = reporting(0, 5 + web_worker.SLACK)
    assert not crowded._accepting
    assert not crowded.within_share()
    # The worker with the fewest always accepts.
    assert reporting(1, 4).within_share()


class _Request:
    must_close = False

    def force_close(self):
        self.must_close = True


def test_a_worker_well_over_its_share_lets_each_connection_go_after_its_response(
    slots, monkeypatch
):
    """Connections taken stay taken: the crowded worker answers "Connection: close", and
    the client's new connection goes to a worker with fewer."""
    served = []
    monkeypatch.setattr(ThreadWorker, "handle_request", lambda self, req, conn: served.append(req))
    web_worker._slots_used.value = 2
    reporting(1, 10)

    for held, closes in [(10 + web_worker.SLACK + 1, False), (10 + web_worker.SLACK + 2, True)]:
        reporting(0, held).handle_request(_Request(), None)
        assert served[-1].must_close is closes


def test_a_worker_gone_or_stopping_does_not_hold_the_others_back(slots):
    web_worker._slots_used.value = 3
    reporting(1, 0, at=time.monotonic() - web_worker.STALE - 1)  # gone: its report is old
    reporting(2, 0, alive=False)  # stopping: it retired its slot
    assert web_worker._reported_at[2] == 0.0
    assert reporting(0, 30).within_share()


def test_a_lone_worker_always_accepts(slots):
    web_worker._slots_used.value = 1
    assert reporting(0, 500).within_share()


def test_the_pages_server_forks_its_workers_through_the_hook():
    config = runpy.run_path(str(ROOT / "docker/gunicorn.conf.py"))
    assert config["pre_fork"] is web_worker.pre_fork
    assert issubclass(web_worker.BalancedThreadWorker, ThreadWorker)


def _connections_per_worker(master, port):
    """{worker pid: established connections to `port` it holds}, read from /proc."""
    established = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
                if local_port == port and fields[3] == "01":
                    established.add(fields[9])
    children = subprocess.run(
        ["pgrep", "-P", str(master)], capture_output=True, text=True, check=False
    ).stdout.split()
    counts = {}
    for pid in children:
        inodes = set()
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            found = re.fullmatch(r"socket:\[(\d+)\]", target)
            if found:
                inodes.add(found.group(1))
        counts[int(pid)] = len(inodes & established)
    return counts


@pytest.mark.skipif(not os.path.exists("/proc/net/tcp"), reason="reads Linux's /proc")
def test_connections_opened_together_spread_over_every_worker():
    """30 kept-alive connections opened one after another to 3 workers: each worker holds
    its share, give or take a few (gunicorn's own threaded worker gave one worker most)."""
    port = free_port()
    environment = {"HOST": "127.0.0.1", "PORT": str(port), "WEB_WORKERS": "3", "WEB_THREADS": "2"}
    command = [str(GUNICORN), "--config", "docker/gunicorn.conf.py", "--log-level", "warning"]
    with started(command, environment, port) as process, ExitStack() as clients:
        assert get(port, "/health/") == 200
        time.sleep(1)  # every worker up and reporting
        for _ in range(30):
            client = clients.enter_context(socket.create_connection(("127.0.0.1", port), 10))
            client.sendall(b"GET /health/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert client.recv(4096).startswith(b"HTTP/1.1 200")
        counts = _connections_per_worker(process.pid, port)
        assert sum(counts.values()) == 30
        assert len(counts) == 3
        assert max(counts.values()) - min(counts.values()) <= 3, counts
