"""The repository's Dockerfile, docker-compose.yml, entrypoint, gunicorn configs and Caddyfile
hold against the tree (the checkers are in checks.py)."""

import importlib
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.deployment.checks import (
    ROOT,
    caddy_sites,
    command_problems,
    compose_problems,
    coverage_problems,
    dockerfile_problems,
    entrypoint_roles,
    gunicorn_config,
    image_path_problem,
    in_image,
    instructions,
    read,
    read_image,
    route_problems,
    script_problems,
    top_level_packages,
    words,
)

# --- The repository's own files ------------------------------------------------------


def test_everything_the_dockerfile_copies_runs_or_points_at_exists():
    assert dockerfile_problems(read("Dockerfile"), read(".dockerignore")) == []


def test_the_dockerfile_names_no_app():
    """A new app needs no line in the Dockerfile: it copies the tree as a whole."""
    copied = {source.split("/")[0] for source, _ in read_image(read("Dockerfile")).copies}
    assert copied & top_level_packages() == set()


def test_the_image_installs_the_project_after_copying_the_whole_tree():
    steps = [" ".join(words(a)) for _, a in instructions(read("Dockerfile"))]
    whole_tree = steps.index(". .")
    project = re.compile(r"pip install (--no-deps )?\.")
    installs = [i for i, step in enumerate(steps) if project.search(step)]
    assert installs and min(installs) > whole_tree


def test_every_app_is_in_the_image_and_the_wheel_and_no_test_is():
    files = read("Dockerfile"), read(".dockerignore"), read("pyproject.toml")
    assert coverage_problems(*files) == []


def test_the_entrypoint_runs_real_commands_on_real_paths(image, rules):
    assert script_problems(read("docker/entrypoint.sh"), image, rules) == []
    assert entrypoint_roles(read("docker/entrypoint.sh")) >= {"web", "live", "worker", "beat"}


def test_the_entrypoint_is_an_executable_shell_script(image):
    script = ROOT / "docker" / "entrypoint.sh"
    assert image.entrypoint[0] == in_image("docker/entrypoint.sh", image.workdir)
    assert script.stat().st_mode & 0o111
    assert script.read_text().startswith("#!/bin/sh\n")
    for shell in ("sh", "bash"):
        checked = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr


def test_the_settings_module_that_manage_and_asgi_name_imports():
    for name in ("manage.py", "community/asgi.py", "community/celery.py"):
        text = read(name)
        assert "DJANGO_SETTINGS_MODULE" in text
        assert command_problems(text) == []


def test_docker_compose_runs_the_image_as_built(image, rules):
    compose = yaml.safe_load(read("docker-compose.yml"))
    roles = entrypoint_roles(read("docker/entrypoint.sh"))
    assert set(compose["services"]) == {"db", "redis", "proxy", "web", "live", "worker", "beat"}
    assert compose_problems(compose, image, roles, rules) == []


def test_production_pools_its_database_connections_and_serves_with_several_workers():
    """Each of a web worker's threads may hold a database connection for its request: the
    pool has room for every thread. The servers' worker counts come from the environment."""
    compose = yaml.safe_load(read("docker-compose.yml"))
    environment = compose["services"]["web"]["environment"]
    assert int(environment["DATABASE_POOL_SIZE"]) >= int(environment["WEB_THREADS"]) > 1
    assert "DATABASE_CONN_MAX_AGE" not in environment
    config = gunicorn_config("docker/gunicorn.conf.py")
    assert config["default_workers"](2) == 3
    assert config["default_workers"](1) == 2
    assert "gunicorn --config docker/gunicorn.conf.py" in read("docker/entrypoint.sh")


def test_the_web_server_refuses_a_pool_smaller_than_its_threads(monkeypatch):
    monkeypatch.setenv("WEB_THREADS", "4")
    monkeypatch.setenv("DATABASE_POOL_SIZE", "2")
    with pytest.raises(ValueError, match=r"DATABASE_POOL_SIZE \(2\) is below WEB_THREADS \(4\)"):
        gunicorn_config("docker/gunicorn.conf.py")
    monkeypatch.delenv("DATABASE_POOL_SIZE")
    assert "DATABASE_POOL_SIZE=4" in gunicorn_config("docker/gunicorn.conf.py")["raw_env"]


def test_pages_are_served_by_threaded_wsgi_workers_and_sockets_by_uvicorn_workers(monkeypatch):
    for name in ("HOST", "PORT", "LIVE_PORT"):
        monkeypatch.delenv(name, raising=False)
    pages = gunicorn_config("docker/gunicorn.conf.py")
    sockets = gunicorn_config("docker/live.conf.py")
    assert (pages["wsgi_app"], pages["worker_class"]) == (
        "community.wsgi:application",
        "docker.web_worker.BalancedThreadWorker",  # gthread, balanced (test_web_worker.py)
    )
    assert pages["bind"] == ["0.0.0.0:8000"]
    assert (sockets["wsgi_app"], sockets["worker_class"]) == (
        "community.asgi:application",
        "docker.live_worker.LiveWorker",
    )
    assert sockets["bind"] == ["0.0.0.0:8001"]
    assert sockets["max_requests"] == 0  # a recycled worker would drop its sockets
    assert sockets["workers"] >= 1


def test_the_sockets_worker_leaves_per_message_deflate_off_unless_asked(monkeypatch):
    """docker/live_worker.py: compressing each frame once per socket cost the server more
    than it saved at a thousand members (bench/space_chat.py)."""
    import docker.live_worker as live_worker

    def deflate():
        return importlib.reload(live_worker).LiveWorker.CONFIG_KWARGS["ws_per_message_deflate"]

    monkeypatch.delenv("LIVE_WS_DEFLATE", raising=False)
    assert deflate() is False
    monkeypatch.setenv("LIVE_WS_DEFLATE", "1")
    assert deflate() is True
    monkeypatch.delenv("LIVE_WS_DEFLATE")
    assert deflate() is False


def test_the_sockets_server_starts_once_the_pages_server_has_migrated():
    script = read("docker/entrypoint.sh")
    live = script[script.index("  live)") : script.index(";;", script.index("  live)"))]
    assert "gunicorn --config docker/live.conf.py" in live
    assert "migrate" not in live
    service = yaml.safe_load(read("docker-compose.yml"))["services"]["live"]
    assert service["command"] == ["live"]
    assert service["depends_on"]["web"] == {"condition": "service_healthy"}
    assert service["environment"]["LIVE_PORT"] == "8001"
    assert "/health/" in " ".join(service["healthcheck"]["test"])


def test_the_proxy_sends_sockets_to_live_and_everything_else_to_web(monkeypatch):
    for name in ("PORT", "LIVE_PORT"):
        monkeypatch.delenv(name, raising=False)
    compose = yaml.safe_load(read("docker-compose.yml"))
    caddyfile = read("docker/Caddyfile")
    assert caddy_sites(caddyfile) == {"{$SITE_ADDRESS}": {"/ws/*": "live:8001", "*": "web:8000"}}
    ports = {
        service: int(gunicorn_config(path)["bind"][0].rpartition(":")[2])
        for service, path in (("web", "docker/gunicorn.conf.py"), ("live", "docker/live.conf.py"))
    }
    assert route_problems(caddyfile, compose, ports) == []


def test_the_proxy_is_caddy_with_its_caddyfile_on_the_site_address_from_env():
    proxy = yaml.safe_load(read("docker-compose.yml"))["services"]["proxy"]
    assert proxy["image"] == "caddy:2"
    assert "./docker/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert {"80:80", "443:443"} <= set(proxy["ports"])
    assert proxy["environment"]["SITE_ADDRESS"].startswith("${SITE_ADDRESS:?")
    assert re.search(r"^SITE_ADDRESS=\S+", read(".env.example"), flags=re.MULTILINE)


def test_the_folders_the_settings_read_are_in_the_image(image, rules):
    base = Path(settings.BASE_DIR)
    folders = [*settings.LOCALE_PATHS, *settings.STATICFILES_DIRS]
    folders += [folder for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    in_the_image = [in_image(Path(f).relative_to(base).as_posix(), image.workdir) for f in folders]
    assert in_the_image == ["/app/locale", "/app/static", "/app/templates"]
    assert [image_path_problem(path, image, rules) for path in in_the_image] == [None] * 3


def test_the_files_pip_builds_the_project_from_are_in_the_image(image, rules):
    project = tomllib.loads(read("pyproject.toml"))["project"]
    files = [project["readme"], *project["license-files"]]
    assert files == ["README.md", "LICENSE"]
    problems = [image_path_problem(in_image(f, image.workdir), image, rules) for f in files]
    assert problems == [None, None]


def test_the_licence_is_the_full_agpl_that_pyproject_and_the_readme_announce():
    licence = read("LICENSE")
    assert licence.startswith(
        "                    GNU AFFERO GENERAL PUBLIC LICENSE\n"
        "                       Version 3, 19 November 2007\n"
    )
    assert len(licence.splitlines()) == 661
    assert tomllib.loads(read("pyproject.toml"))["project"]["license"] == "AGPL-3.0-or-later"
    assert "(AGPL-3.0-or-later)" in read("README.md")
    assert "[LICENSE](LICENSE)" in read("README.md")


def test_the_readme_runs_real_management_commands_in_the_image():
    lines = [line for line in read("README.md").splitlines() if line.startswith("docker compose")]
    assert any("manage.py" in line for line in lines)
    assert command_problems("\n".join(lines)) == []


def test_templates_are_compiled_once_per_process():
    """The cached template loader is on (Django's default when TEMPLATES names no loaders):
    a page's templates are parsed once per process, not on every request."""
    from django.template import engines
    from django.template.loaders.cached import Loader as CachedLoader

    engine = engines["django"].engine
    assert [type(loader) for loader in engine.template_loaders] == [CachedLoader]
