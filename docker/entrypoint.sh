#!/bin/sh
# One image, three roles: web (migrate, collect static, serve ASGI), worker, beat.
set -e
case "${1:-web}" in
  web)
    python manage.py migrate --noinput
    python manage.py collectstatic --noinput --verbosity 0
    exec daphne --bind 0.0.0.0 --port 8000 --proxy-headers community.asgi:application
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
