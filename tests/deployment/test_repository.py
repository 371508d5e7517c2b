"""The repository's Dockerfile, docker-compose.yml and entrypoint hold against the tree
(the checkers are in checks.py)."""

import re
import runpy
import subprocess
import tomllib
from pathlib import Path

import yaml
from django.conf import settings

from tests.deployment.checks import (
    ROOT,
    command_problems,
    compose_problems,
    coverage_problems,
    dockerfile_problems,
    entrypoint_roles,
    image_path_problem,
    in_image,
    instructions,
    read,
    read_image,
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
    assert entrypoint_roles(read("docker/entrypoint.sh")) >= {"web", "worker", "beat"}


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
    assert {"web", "worker", "beat"} <= set(compose["services"])
    assert compose_problems(compose, image, roles, rules) == []


def test_production_pools_its_database_connections_and_serves_with_several_workers():
    """Under ASGI a persistent connection stays open in every idle request thread: the pool
    replaces it. The web server's worker count comes from the environment."""
    compose = yaml.safe_load(read("docker-compose.yml"))
    environment = compose["services"]["web"]["environment"]
    assert int(environment["DATABASE_POOL_SIZE"]) > 0
    assert "DATABASE_CONN_MAX_AGE" not in environment
    config = runpy.run_path(str(ROOT / "docker/gunicorn.conf.py"))
    assert config["default_workers"](2) == 3
    assert config["default_workers"](1) == 2
    assert "gunicorn --config docker/gunicorn.conf.py" in read("docker/entrypoint.sh")


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
