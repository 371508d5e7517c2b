"""What the two gunicorn configs share (docker/gunicorn.conf.py serves the pages,
docker/live.conf.py the sockets): reading the environment, the address, the timeouts and
the logs. gunicorn runs from the project's folder, which it puts on sys.path first, so the
configs import this module as docker._serving.
"""

import os


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def cores():
    return os.cpu_count() or 1


def settings(*, port_variable, default_port, max_requests):
    """The settings both servers take from the environment: HOST (0.0.0.0), the port,
    FORWARDED_ALLOW_IPS, WEB_TIMEOUT; a worker recycled after `max_requests` (0 for never),
    with jitter so that workers don't restart together. No control socket (gunicorn 27's
    gunicornc): nothing uses it, and two servers on one host would share its one path."""
    host = os.environ.get("HOST", "0.0.0.0")  # noqa: S104 - the proxy reaches the container
    return {
        "bind": [f"{host}:{env_int(port_variable, default_port)}"],
        "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "*"),
        "timeout": env_int("WEB_TIMEOUT", 60),
        "graceful_timeout": 30,
        "keepalive": 5,
        "max_requests": max_requests,
        "max_requests_jitter": max_requests // 10,
        "accesslog": None,
        "errorlog": "-",
        "control_socket_disable": True,
    }
