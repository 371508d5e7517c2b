"""The production web server: gunicorn running uvicorn workers, one process per core and one.

One ASGI application answers both the pages and the WebSockets (/ws/), so a proxy needs no
routing rule. Django runs a sync view on one thread per process under ASGI: throughput
comes from processes, hence several workers even on a small server. README.md,
"Performance", gives the figures behind the choice.

Environment: WEB_WORKERS (default: cores + 1, at least 2), PORT (8000), HOST (0.0.0.0),
FORWARDED_ALLOW_IPS (the proxy's address; "*" behind a private network's proxy),
WEB_TIMEOUT (seconds, 60), WEB_MAX_REQUESTS (recycle a worker after so many requests,
0 for never; default 2000, with jitter so workers don't restart together).
"""

import os


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def default_workers(cores=None):
    """cores + 1, at least 2: a request waiting on the database leaves its core to another."""
    cores = cores or os.cpu_count() or 1
    return max(2, cores + 1)


wsgi_app = "community.asgi:application"
worker_class = "uvicorn_worker.UvicornWorker"
workers = _int("WEB_WORKERS", default_workers())
# In a container, every interface: the proxy reaches the web service over its network.
bind = [f"{os.environ.get('HOST', '0.0.0.0')}:{_int('PORT', 8000)}"]  # noqa: S104
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
timeout = _int("WEB_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
max_requests = _int("WEB_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
accesslog = None
errorlog = "-"
