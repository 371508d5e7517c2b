# Maillage production image: the ASGI web server, the Celery worker and beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY common ./common
COPY community ./community
COPY members ./members
COPY spaces ./spaces
COPY events ./events
COPY content ./content
COPY partners ./partners
COPY analytics ./analytics
RUN pip install .

COPY . .
RUN pybabel compile --domain=django --directory=locale \
    && useradd --create-home --uid 1000 maillage \
    && mkdir -p /data/media /data/private /data/static /data/beat \
    && chown -R maillage:maillage /data

USER maillage
ENV PYTHONPATH=/app \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private \
    STATIC_ROOT=/data/static
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
