#!/bin/sh
# One image, three roles: web (migrate, collect static, serve ASGI), worker, beat.
set -e
case "${1:-web}" in
  web)
    python manage.py migrate --noinput
    python manage.py collectstatic --noinput --verbosity 0
    exec uvicorn community.asgi:application --host 0.0.0.0 --port 8000 \
      --proxy-headers --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-*}"
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
