#!/bin/sh
# One image, four roles: web (migrate, collect static, serve the pages over WSGI), live (serve
# the sockets, /ws/, over ASGI), worker, beat. The servers are gunicorn, configured in
# docker/gunicorn.conf.py (pages: threaded workers, WEB_WORKERS x WEB_THREADS) and
# docker/live.conf.py (sockets: uvicorn workers, LIVE_WORKERS); bench/ starts the same
# commands. live does not migrate: docker-compose.yml starts it once web is healthy, that is
# once web has migrated.
set -e
case "${1:-web}" in
  web)
    python manage.py migrate --noinput
    python manage.py collectstatic --noinput --verbosity 0
    exec gunicorn --config docker/gunicorn.conf.py
    ;;
  live)
    # Static files too, so that this container renders exactly as web does (the manifest).
    python manage.py collectstatic --noinput --verbosity 0
    exec gunicorn --config docker/live.conf.py
    ;;
  worker)
    exec celery --app community worker --loglevel INFO
    ;;
  beat)
    exec celery --app community beat --loglevel INFO --schedule /data/beat/celerybeat-schedule
    ;;
  *)
    exec "$@"
    ;;
esac
