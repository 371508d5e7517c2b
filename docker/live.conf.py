"""The sockets' server (/ws/): gunicorn running uvicorn workers on community.asgi, one
process per core. The pages have their own server, docker/gunicorn.conf.py; the proxy
(docker/Caddyfile) sends /ws/ here. /health/ answers here too (community.asgi serves
Django over HTTP), for the container's health check.

Why one worker per core, not one more as for the pages: a socket's worker waits on an
event loop, not on a thread, so a process keeps its core busy by itself; and with the
pubsub channel layer each process holds one Redis subscription per room and receives each
group message once, so every process more is one more copy of every message.

The worker is uvicorn's without per-message deflate (docker/live_worker.py): at a
thousand members the compression, once per socket and frame, cost more than it saved.

Environment: LIVE_WORKERS (default: cores, at least 1), LIVE_PORT (8001), HOST (0.0.0.0),
FORWARDED_ALLOW_IPS, WEB_TIMEOUT (as for the pages), LIVE_WS_DEFLATE (1 turns deflate on).
Workers are never recycled: a worker that restarts drops every socket it holds.

Each worker freezes its heap once Django is loaded (docker/_heap.py), so that a full
garbage collection does not walk Django's own objects while messages wait; unlike the
pages' workers, not again once warm: what is frozen is never collected as a cycle, and
these workers live as long as the server.
"""

from docker._heap import post_worker_init  # noqa: F401 - gunicorn's hook
from docker._serving import cores, env_int, settings

wsgi_app = "community.asgi:application"
worker_class = "docker.live_worker.LiveWorker"
workers = env_int("LIVE_WORKERS", max(1, cores()))
globals().update(settings(port_variable="LIVE_PORT", default_port=8001, max_requests=0))
