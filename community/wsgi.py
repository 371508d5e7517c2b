"""WSGI entry point: the pages, served by gunicorn's threaded workers (docker/gunicorn.conf.py).
The sockets (/ws/) go to community.asgi, served apart (docker/live.conf.py)."""

import ipaddress
import os

from django.core.wsgi import get_wsgi_application


class ClientAddressFromProxy:
    """REMOTE_ADDR becomes the visitor's address the proxy in front saw, the last entry of
    X-Forwarded-For, when the request comes from a trusted proxy (FORWARDED_ALLOW_IPS: "*",
    or addresses and networks separated by commas).

    gunicorn's WSGI workers leave REMOTE_ADDR the proxy's own address (uvicorn workers read
    X-Forwarded-For themselves): behind Caddy every visitor would share one address, and
    the per-address rate limits (signing in, signing up) would hold for all at once. The last
    entry is the one the proxy wrote; the ones before it come from the visitor, who may write
    anything there."""

    def __init__(self, application, trusted):
        self.application = application
        self.trust_all = trusted.strip() == "*"
        self.trusted = [
            ipaddress.ip_network(item.strip(), strict=False)
            for item in trusted.split(",")
            if item.strip() and item.strip() != "*"
        ]

    def is_trusted(self, address):
        if self.trust_all:
            return True
        try:
            address = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(address in network for network in self.trusted)

    def __call__(self, environ, start_response):
        forwarded = environ.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded and self.is_trusted(environ.get("REMOTE_ADDR", "")):
            environ["REMOTE_ADDR"] = forwarded
        return self.application(environ, start_response)


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
application = ClientAddressFromProxy(
    get_wsgi_application(), os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
)
