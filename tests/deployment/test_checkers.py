"""The deployment checkers catch what they are for, on made-up files."""

from tests.deployment.checks import (
    caddy_sites,
    command_problems,
    compose_problems,
    coverage_problems,
    dockerfile_problems,
    gunicorn_config_problems,
    ignore_rules,
    is_ignored,
    route_problems,
    script_problems,
)

# --- The checkers catch what they are for ---------------------------------------------

DOCKERFILE = """\
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pybabel compile --directory=locale \\
    && mkdir -p /data/media
ENV PYTHONPATH=/app MEDIA_ROOT=/data/media
ENTRYPOINT ["/app/docker/entrypoint.sh"]
"""


def test_the_sample_dockerfile_passes_so_the_failures_below_are_the_made_up_parts():
    assert dockerfile_problems(DOCKERFILE, "") == []


def test_the_checker_finds_a_copy_of_a_made_up_folder():
    problems = dockerfile_problems(DOCKERFILE + "COPY nowhere ./nowhere\n", "")
    assert problems == ["COPY nowhere: not in the tree"]


def test_the_checker_finds_a_made_up_entrypoint_and_folders():
    dockerfile = DOCKERFILE.replace("entrypoint.sh", "start.sh").replace("=locale", "=locales")
    dockerfile += "ENV STATIC_ROOT=/data/static\n"
    assert dockerfile_problems(dockerfile, "") == [
        "/app/docker/start.sh comes from docker/start.sh, which is not in the tree",
        "/data/static is neither copied into the image nor made by it",
        "/app/locales comes from locales, which is not in the tree",
    ]


def test_the_checker_finds_what_dockerignore_leaves_out():
    assert dockerfile_problems(DOCKERFILE, "docker\n**/*.po\n") == [
        "/app/docker/entrypoint.sh comes from docker/entrypoint.sh, which .dockerignore leaves out"
    ]
    rules = ignore_rules("**/__pycache__\n*.mo\nlocale\n!locale/fr\n")
    assert is_ignored("events/views/__pycache__/x.pyc", rules)
    assert is_ignored("x.mo", rules) and not is_ignored("locale/fr/x.mo", rules)
    assert is_ignored("locale/en/django.po", rules)


def test_the_checker_finds_made_up_commands_modules_and_settings():
    assert command_problems(
        "python manage.py migrate && python manage.py seed_nothing\n"
        "uvicorn community.asgi:application; uvicorn community.nowhere:application\n"
        "celery --app community worker; celery -A nowhere worker\n"
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.nosettings")\n'
    ) == [
        "manage.py seed_nothing: no such management command",
        "uvicorn community.nowhere:application: No module named 'community.nowhere'",
        "celery --app nowhere: No module named 'nowhere'",
        "settings module community.nosettings: No module named 'community.nosettings'",
    ]


def test_the_checker_finds_a_made_up_path_in_the_entrypoint(image, rules):
    script = "#!/bin/sh\nexec celery --app community beat --schedule /srv/x /var/beat/y\n"
    assert script_problems(script, image, rules) == []  # outside the image's own folders
    script = "python run.py\nexec /app/docker/nowhere.sh --schedule /data/elsewhere/schedule\n"
    assert script_problems(script, image, rules) == [
        "/app/docker/nowhere.sh comes from docker/nowhere.sh, which is not in the tree",
        "/data/elsewhere/schedule is neither copied into the image nor made by it",
        "/app/run.py comes from run.py, which is not in the tree",
    ]


def test_the_checker_finds_made_up_mounts_roles_and_files(image, rules):
    compose = {
        "services": {
            "web": {
                "build": ".",
                "env_file": ".env.production",
                "command": ["serve"],
                "volumes": ["media:/data/media", "cache:/data/cache", "./nowhere:/data/beat"],
                "healthcheck": {"test": ["CMD-SHELL", "test -f /data/elsewhere/x"]},
                "environment": {"DJANGO_SETTINGS_MODULE": "community.nosettings"},
            },
            "db": {"image": "postgres:16", "volumes": ["postgres:/var/lib/postgresql/data"]},
            "proxy": {
                "image": "caddy:2",
                "volumes": ["./docker/Nowhere:/etc/caddy/Caddyfile:ro", "caddy-data:/data"],
            },
        },
        "volumes": {"media": None, "postgres": None},
    }
    assert compose_problems(compose, image, {"web", "worker"}, rules) == [
        "web: env_file .env.production has no .env.production.example to copy",
        "web: runs 'serve', a role docker/entrypoint.sh lacks",
        "web: mounts volume cache, never declared",
        "web: mounts ./nowhere, not in the tree",
        "web: mounts /data/cache, a folder the image does not make",
        "web: settings module community.nosettings: No module named 'community.nosettings'",
        "web: /data/elsewhere/x is neither copied into the image nor made by it",
        "proxy: mounts ./docker/Nowhere, not in the tree",
        "proxy: mounts volume caddy-data, never declared",
    ]


PROJECT = '[project]\ndependencies = ["Django"]\noptional-dependencies = {dev = ["factory-boy"]}\n'


def test_the_checker_finds_an_app_the_image_or_setuptools_forgets(tmp_path):
    for package in ("common", "newapp", "newapp/migrations", "tests"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "newapp" / "apps.py").write_text("import factory\nfrom tests import factories\n")
    (tmp_path / "newapp" / "loaders").mkdir()  # .py files, no __init__.py
    (tmp_path / "newapp" / "loaders" / "people.py").write_text("")
    listed = "WORKDIR /app\nCOPY common ./common\nCOPY tests ./tests\n"
    pyproject = PROJECT + '[tool.setuptools.packages.find]\ninclude = ["common*"]\n'
    pyproject += "namespaces = false\n"
    assert coverage_problems(listed, "", pyproject, root=tmp_path) == [
        "newapp: not copied into the image",
        "newapp: setuptools does not find it",
        "newapp.loaders: setuptools does not find it",
        "newapp.migrations: setuptools does not find it",
        "newapp: imports factory, tests, left out of the image",
        "tests: development only, yet copied into the image",
    ]
    (tmp_path / "docker").mkdir()  # no package: namespace discovery would ship it
    pyproject = PROJECT + '[tool.setuptools.packages.find]\nexclude = ["tests", "tests.*"]\n'
    problems = coverage_problems("WORKDIR /app\nCOPY . .\n", "tests\n", pyproject, root=tmp_path)
    assert problems == [
        "newapp: imports factory, tests, left out of the image",
        "setuptools ships docker, no app",
    ]


def test_the_checker_finds_a_made_up_gunicorn_config_and_what_it_serves(tmp_path):
    config = tmp_path / "gunicorn.conf.py"
    config.write_text(
        'wsgi_app = "community.nowhere:application"\n'
        'worker_class = "uvicorn_worker.UvicornWorker"\n'
    )
    assert command_problems("gunicorn --config docker/no.conf.py") == [
        "gunicorn --config docker/no.conf.py: no such file"
    ]
    assert gunicorn_config_problems("gunicorn.conf.py", root=tmp_path) == [
        "gunicorn gunicorn.conf.py: wsgi_app 'community.nowhere:application': "
        "No module named 'community.nowhere'"
    ]
    assert command_problems("exec gunicorn --config docker/gunicorn.conf.py") == []


def test_the_checker_reads_gunicorns_short_worker_names(tmp_path):
    config = tmp_path / "gunicorn.conf.py"
    config.write_text('wsgi_app = "community.wsgi:application"\nworker_class = "gthread"\n')
    assert gunicorn_config_problems("gunicorn.conf.py", root=tmp_path) == []
    config.write_text('wsgi_app = "community.wsgi:application"\nworker_class = "gthreads"\n')
    assert gunicorn_config_problems("gunicorn.conf.py", root=tmp_path) == [
        "gunicorn gunicorn.conf.py: worker_class 'gthreads': Empty module name"
    ]


CADDYFILE = """\
# A comment
{$SITE_ADDRESS} {
\tencode gzip
\thandle /ws/* {
\t\treverse_proxy live:8001
\t}
\thandle {
\t\treverse_proxy web:8000 {
\t\t\tflush_interval -1
\t\t}
\t}
}
"""


def test_the_checker_reads_where_each_path_of_the_caddyfile_goes():
    assert caddy_sites(CADDYFILE) == {"{$SITE_ADDRESS}": {"/ws/*": "live:8001", "*": "web:8000"}}


def test_the_checker_finds_a_route_to_a_made_up_service_or_port():
    compose = {"services": {"web": {}, "live": {}}}
    assert route_problems(CADDYFILE, compose, {"web": 8000, "live": 8001}) == []
    caddyfile = CADDYFILE.replace("live:8001", "sockets:8001").replace("web:8000", "web:80")
    assert route_problems(caddyfile, compose, {"web": 8000, "live": 8001}) == [
        "{$SITE_ADDRESS} /ws/*: sockets:8001, no such service",
        "{$SITE_ADDRESS} *: web:80, but web listens on 8000",
    ]
