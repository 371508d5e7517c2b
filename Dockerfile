# Maillage production image: the pages' server (WSGI), the sockets' server (ASGI), the Celery
# worker and beat (docker/entrypoint.sh, one role each).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The dependencies alone, read from pyproject.toml: this layer stays cached until
# they change, whatever happens to the code.
COPY pyproject.toml ./
RUN python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# Then the whole tree, every app in it (.dockerignore leaves out tests, tools and
# local files), installed as setuptools finds its packages.
COPY . .
RUN pip install --no-deps . \
    && rm -rf build ./*.egg-info \
    && pybabel compile --domain=django --directory=locale \
    && useradd --create-home --uid 1000 maillage \
    && mkdir -p /data/media /data/private /data/static /data/beat \
    && chown -R maillage:maillage /data

USER maillage
ENV PYTHONPATH=/app \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private \
    STATIC_ROOT=/data/static
EXPOSE 8000 8001
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
