"""The same project as a WSGI application: only the throughput benchmark's comparison of
server models uses it (production serves community.asgi, pages and sockets in one)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
application = get_wsgi_application()
