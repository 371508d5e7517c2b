"""The pages' server: gunicorn's threaded WSGI workers (gthread) running community.wsgi,
one process per core and one, WEB_THREADS threads each. The sockets (/ws/) have their own
server, docker/live.conf.py; the proxy (docker/Caddyfile) sends each path to its server.

Why WSGI for the pages: under ASGI Django runs a sync view on one thread per process, behind
asgiref's hand-over between the event loop and that thread. On the same machine and run,
gthread workers served the home page 1.75x faster than uvicorn workers (29 against 16
requests a second) and the bare view (/health/) 320 against 187. README.md, "Performance",
and bench/throughput.py, which measures both in every run, give the figures.

Environment: WEB_WORKERS (default: cores + 1, at least 2), WEB_THREADS (threads per worker,
default DEFAULT_THREADS, measured below), PORT (8000), HOST (0.0.0.0), FORWARDED_ALLOW_IPS
(the proxy's address; "*" behind a private network's proxy), WEB_TIMEOUT (seconds, 60),
WEB_MAX_REQUESTS (recycle a worker after so many requests, 0 for never; default 2000).

DATABASE_POOL_SIZE (psycopg's pool, per process) must be at least WEB_THREADS: every
thread may hold a connection for its request, and a thread that finds the pool empty waits
(up to 10 s) instead of serving. Unset, it is set to WEB_THREADS here; set lower, the server
refuses to start.
"""

from docker._serving import cores, env_int, settings

# Threads per worker, measured with bench/throughput.py's machinery (see README.md).
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
worker_class = "gthread"
workers = env_int("WEB_WORKERS", default_workers())
threads = env_int("WEB_THREADS", DEFAULT_THREADS)
# gunicorn sets it before the workers load Django.
raw_env = [f"DATABASE_POOL_SIZE={pool_size(threads)}"]
globals().update(
    settings(
        port_variable="PORT", default_port=8000, max_requests=env_int("WEB_MAX_REQUESTS", 2000)
    )
)
