"""The pages' worker: gunicorn's threaded worker (gthread) that takes new connections only
while it holds no more than its fair share of them, so that connections spread evenly over
the workers (docker/gunicorn.conf.py).

Why: every worker listens on the one socket, and the one that wakes first takes whatever is
waiting. A client that opens its connections together (a load generator, the proxy opening
its pool to the upstream) lands them all on one worker: measured on 2 cores, 3 workers of 4
threads, 32 connections (2026-12-02), the connections per worker were [0, 32, 0], [17, 0,
15], [3, 25, 4] from one run to the next. A worker is one process, so one core at most
(Python's GIL): with every connection on one worker the other core idled, and the home page
served 140 requests a second instead of 320, the bare view 435 instead of 1,200, and each
request waited behind every other one on that worker.

How: each worker reports its open connections (kept-alive ones included) in shared memory,
in a slot the master gives it when it forks it (`pre_fork`), with the time of its report.
A worker stops accepting while it holds more than SLACK connections above the fewest any
other live worker holds; the one with the fewest always accepts, so a new connection is
never left waiting. A worker reports at each turn of its loop (at least every POLL seconds
while it is not accepting); a report older than STALE seconds (a worker gone, or stopping:
it retires its slot) does not count.

Connections already taken stay where they are, and they can end up uneven all the same:
a worker still closing a client's old connections counts them while the client opens new
ones elsewhere. So a worker that holds more than SLACK + 1 above the fewest answers its
next request with "Connection: close" (HTTP/1.1 lets a server close after a response; the
client opens a new connection, which the worker with the fewest takes). Measured as above:
[6, 16, 10] and [14, 3, 15] before this, p99 up to 2.8 times the median.
"""

import time
from multiprocessing.sharedctypes import RawArray, RawValue

from gunicorn.workers.gthread import ThreadWorker

SLOTS = 128  # more workers than any server runs (WEB_WORKERS; gunicorn's TTIN adds one)
SLACK = 1  # a report lags its worker by one turn of its loop
STALE = 5.0  # seconds; a live worker reports at least every second
POLL = 0.05  # seconds between a non-accepting worker's reports

_connections = RawArray("l", SLOTS)
_reported_at = RawArray("d", SLOTS)  # time.monotonic() (one clock for every process); 0: free
_slots_used = RawValue("l", 0)  # slots below this may be live


def pre_fork(server, worker):
    """gunicorn's hook, in the master before it forks `worker`: the lowest slot no live
    worker holds."""
    taken = {getattr(other, "slot", None) for other in server.WORKERS.values()}
    worker.slot = next(slot for slot in range(SLOTS) if slot not in taken)
    _reported_at[worker.slot] = 0.0
    _connections[worker.slot] = 0
    _slots_used.value = max(_slots_used.value, worker.slot + 1)


def fewest_elsewhere(slot, now):
    """The fewest connections a live worker other than `slot` holds (None: no other)."""
    fewest = None
    for other in range(_slots_used.value):
        if other != slot and now - _reported_at[other] < STALE:
            count = _connections[other]
            if fewest is None or count < fewest:
                fewest = count
    return fewest


class BalancedThreadWorker(ThreadWorker):
    slot = None  # set by pre_fork; None (a worker forked without the hook): never holds back

    def notify(self):
        """Each turn of the worker's loop: report, and stop accepting when over the share."""
        super().notify()
        if self.slot is None:
            return
        if not self.alive:
            _reported_at[self.slot] = 0.0  # stopping: no longer counted
            return
        _connections[self.slot] = self.nr_conns
        _reported_at[self.slot] = time.monotonic()
        if self._accepting and not self.within_share():
            super().set_accept_enabled(False)

    def within_share(self):
        return self.nr_conns <= self.share()

    def handle_request(self, req, conn):
        """On a pool thread: a worker well over its share lets this connection go after
        the response."""
        if self.slot is not None and self.nr_conns > self.share() + 1:
            req.force_close()
        return super().handle_request(req, conn)

    def share(self):
        """The most connections this worker should hold: SLACK above the fewest elsewhere
        (None: no other worker, no limit)."""
        fewest = fewest_elsewhere(self.slot, time.monotonic())
        return float("inf") if fewest is None else fewest + SLACK

    def set_accept_enabled(self, enabled):
        if enabled and self.slot is not None and self.alive and not self.within_share():
            enabled = False
        super().set_accept_enabled(enabled)

    def wait_for_and_dispatch_events(self, timeout):
        """While not accepting, look again every POLL seconds rather than every second."""
        if self.alive and not self._accepting:
            timeout = min(timeout, POLL)
        super().wait_for_and_dispatch_events(timeout)
