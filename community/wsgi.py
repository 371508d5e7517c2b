"""WSGI entry point: the pages, served by gunicorn's threaded workers (docker/gunicorn.conf.py).
The sockets (/ws/) go to community.asgi, served apart (docker/live.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
application = get_wsgi_application()
