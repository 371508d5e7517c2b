"""The pages' server: gunicorn's threaded WSGI workers (gthread) running community.wsgi,
one process per core and one, WEB_THREADS threads each. Each worker takes new connections
only while it holds no more than its share of them (docker/web_worker.py): gunicorn's own
gthread let one worker take every connection a client opened at once, and the other
workers' cores idle. The sockets (/ws/) have their own
server, docker/live.conf.py; the proxy (docker/Caddyfile) sends each path to its server.

Why WSGI for the pages: under ASGI Django runs a sync view on one thread per process, behind
asgiref's hand-over between the event loop and that thread; WSGI threads skip both. On
2026-12-01 (2 shared cores, noisy; 3 workers, 32 connections, five interleaved runs of 3
rounds), the bare view (/health/) answered 416 requests a second here against 139 through
uvicorn workers, the home page 29 against 27: the server's own cost drops by 1.6 to 3
times, a page's own Python stays what it is. bench/throughput.py measures both in every
run; README.md, "Performance", gives the figures.

Environment: WEB_WORKERS (default: cores + 1, at least 2), WEB_THREADS (threads per worker,
default DEFAULT_THREADS, measured below), PORT (8000), HOST (0.0.0.0), FORWARDED_ALLOW_IPS
(the proxy's address; "*" behind a private network's proxy: community.wsgi then takes the
visitor's address from X-Forwarded-For), WEB_TIMEOUT (seconds, 60),
WEB_MAX_REQUESTS (recycle a worker after so many requests, 0 for never; default 50000:
at 2000, a benchmark at 130 requests a second restarted a worker every 15 s; at 10000,
make bench, up to 1,000 requests a second on the bare view, recycled workers 12 times in
5 minutes, each new one loading Django again and serving its first requests cold).

Each worker freezes its heap once warm, so that Python's full garbage collections stay
short (docker/_heap.py).

DATABASE_POOL_SIZE (psycopg's pool, per process) must be at least WEB_THREADS: every
thread may hold a connection for its request, and a thread that finds the pool empty waits
(up to 10 s) instead of serving. Unset, it is set to WEB_THREADS here; set lower, the server
refuses to start.
"""

from docker._heap import post_request, post_worker_init  # noqa: F401 - gunicorn's hooks
from docker._serving import cores, env_int, settings
from docker.web_worker import pre_fork  # noqa: F401 - gunicorn's hook

# Threads per worker. Measured with bench/throughput.py's machinery (five runs each, medians):
# home 35, 29 and 34 requests a second with 2, 4 and 8 threads, within the noise of one
# another (each setting ranged over 27 to 40); bare view p99 700, 880 and 210 ms, home p99
# 1.2, 1.3 and 1.6 s. More threads bought no page throughput, and each may hold a database
# connection (workers x threads per server); 4 rather than 2 leaves room for requests that
# wait on a database across a network, which this loopback run cannot show.
DEFAULT_THREADS = 4


def default_workers(cores_=None):
    """cores + 1, at least 2: a request waiting on the database leaves its core to another."""
    return max(2, (cores_ or cores()) + 1)


def pool_size(threads):
    """The pool size to give the workers: DATABASE_POOL_SIZE if set (at least `threads`),
    else `threads`."""
    size = env_int("DATABASE_POOL_SIZE", 0)
    if size and size < threads:
        raise ValueError(
            f"DATABASE_POOL_SIZE ({size}) is below WEB_THREADS ({threads}): threads would "
            "wait for a database connection"
        )
    return size or threads


wsgi_app = "community.wsgi:application"
worker_class = "docker.web_worker.BalancedThreadWorker"
workers = env_int("WEB_WORKERS", default_workers())
threads = env_int("WEB_THREADS", DEFAULT_THREADS)
shared = settings(
    port_variable="PORT", default_port=8000, max_requests=env_int("WEB_MAX_REQUESTS", 50000)
)
globals().update(shared)
# gunicorn sets these before the workers load Django: the pool's size, and the proxies
# community.wsgi takes the visitor's address from (X-Forwarded-For), the ones trusted here.
raw_env = [
    f"DATABASE_POOL_SIZE={pool_size(threads)}",
    f"FORWARDED_ALLOW_IPS={shared['forwarded_allow_ips']}",
]
