"""The servers keep Python's full garbage collections short: each worker freezes its heap
(gc.freeze) once Django is loaded; a pages' worker again once it has served WARM_REQUESTS
requests, when the templates are compiled and the caches filled (docker/gunicorn.conf.py;
docker/live.conf.py freezes once only).

A full collection walks every object the collector tracks, and a worker holds some 170,000
once warm. It stops the whole process, every thread and the requests they serve. Measured
on 2 shared cores (2026-12-01, 3 workers of 4 threads, 32 connections on the demo's home,
space and thread pages for 4 s each): one or two full collections per worker, of 216 to
272 ms each, added to every request the worker held. Frozen after 100 requests, the same
run's full collections walk some 8,000 objects: none to two per worker, 53 ms at most.

What is frozen is never collected as a cycle (reference counting still frees it): a cycle
dropped later stays until the worker is recycled (WEB_MAX_REQUESTS).
"""

import gc

WARM_REQUESTS = 100


def post_worker_init(worker):
    """gunicorn's hook, once the worker has loaded the application."""
    gc.freeze()


def post_request(worker, req, environ, resp):
    """gunicorn's hook, after each request, on the thread that served it. worker.nr counts
    the requests the worker has served; two threads that pass the mark together both
    freeze, which is harmless."""
    if worker.nr >= WARM_REQUESTS and not getattr(worker, "heap_frozen", False):
        worker.heap_frozen = True
        gc.freeze()
