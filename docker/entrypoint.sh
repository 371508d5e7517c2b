#!/bin/sh
# One image, three roles: web (migrate, collect static, serve ASGI), worker, beat.
# The web server is gunicorn with uvicorn workers, configured in docker/gunicorn.conf.py
# (WEB_WORKERS, default cores + 1); bench/ starts the same command.
set -e
case "${1:-web}" in
  web)
    python manage.py migrate --noinput
    python manage.py collectstatic --noinput --verbosity 0
    exec gunicorn --config docker/gunicorn.conf.py
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
