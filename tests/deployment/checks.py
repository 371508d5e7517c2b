"""The production image follows the tree.

No container engine runs here, so these tests read the Dockerfile, .dockerignore,
docker-compose.yml, docker/entrypoint.sh, the gunicorn configs and docker/Caddyfile and
hold them against the repository:
every path they copy, mount, run or point at exists (in the tree, or as a folder the
image makes), every `manage.py` command they run is a real one, every Python module
they name imports, and every app reaches both the image and setuptools' package
discovery without a list to keep. This module holds the checkers; test_repository.py
holds the repository against them and test_checkers.py tests them on made-up files.
"""

import ast
import importlib
import json
import re
import runpy
import shlex
import tomllib
from dataclasses import dataclass, field
from importlib.metadata import packages_distributions
from pathlib import Path, PurePosixPath

from celery import Celery
from celery.app.utils import find_app
from django.conf import settings
from django.core.management import get_commands
from gunicorn.workers import SUPPORTED_WORKERS
from setuptools import find_namespace_packages, find_packages

ROOT = Path(__file__).resolve().parent.parent.parent

# Top-level packages for development only: kept out of the image and the wheel.
DEVELOPMENT_PACKAGES = {"tests", "bench"}


def read(name, root=ROOT):
    return (root / name).read_text()


# --- .dockerignore -------------------------------------------------------------------


def ignore_rules(dockerignore):
    """The .dockerignore's patterns as (exception?, regex), in order, as Docker reads them:
    from the root of the tree, `*` within one folder, `**` across folders, and a pattern
    that matches a folder leaves out everything in it."""
    rules = []
    for line in dockerignore.splitlines():
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        exception = pattern.startswith("!")
        pattern = pattern.lstrip("!").strip("/")
        regex, i = "", 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                regex, i = regex + "(?:.*/)?", i + 3
            elif pattern.startswith("**", i):
                regex, i = regex + ".*", i + 2
            elif pattern[i] == "*":
                regex, i = regex + "[^/]*", i + 1
            elif pattern[i] == "?":
                regex, i = regex + "[^/]", i + 1
            else:
                regex, i = regex + re.escape(pattern[i]), i + 1
        rules.append((exception, re.compile(regex + r"(?:/.*)?\Z")))
    return rules


def is_ignored(relative_path, rules):
    ignored = False
    for exception, regex in rules:
        if regex.match(str(relative_path)):
            ignored = not exception
    return ignored


# --- Dockerfile ----------------------------------------------------------------------


@dataclass
class Image:
    """What a Dockerfile puts where: enough to tell whether a path exists in the image."""

    workdir: str = "/"
    copies: list = field(default_factory=list)  # (source in the tree, destination in the image)
    made_folders: set = field(default_factory=set)  # by mkdir
    env: dict = field(default_factory=dict)
    runs: list = field(default_factory=list)
    entrypoint: list = field(default_factory=list)
    cmd: list = field(default_factory=list)

    def own_roots(self):
        """The image's own top folders (/app, /data): paths under them must exist."""
        return {self.workdir} | {"/" + PurePosixPath(f).parts[1] for f in self.made_folders}


def instructions(dockerfile):
    """(INSTRUCTION, arguments) pairs, continuation lines joined and comments left out."""
    found, current = [], ""
    for line in dockerfile.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        instruction, _, arguments = (current + stripped).partition(" ")
        found.append((instruction.upper(), arguments.strip()))
        current = ""
    return found


def words(arguments):
    return json.loads(arguments) if arguments.startswith("[") else shlex.split(arguments)


def in_image(path, workdir):
    return str(PurePosixPath(workdir) / path)


def read_image(dockerfile):
    image = Image()
    for instruction, arguments in instructions(dockerfile):
        if instruction == "WORKDIR":
            image.workdir = in_image(arguments, image.workdir)
        elif instruction in ("COPY", "ADD"):
            *sources, destination = [w for w in words(arguments) if not w.startswith("--")]
            destination = in_image(destination, image.workdir)
            image.copies += [(source, destination) for source in sources]
        elif instruction == "ENV":
            image.env.update(dict(re.findall(r"(\w+)=(\S+)", arguments)))
        elif instruction == "RUN":
            image.runs.append(arguments)
            command_words = []
            for word in [*shlex.shlex(arguments, posix=True, punctuation_chars=True), ";"]:
                if word not in ("&&", "||", ";", "|"):
                    command_words.append(word)
                    continue
                if command_words[:1] == ["mkdir"]:
                    image.made_folders |= {
                        in_image(w, image.workdir) for w in command_words[1:] if w[0] != "-"
                    }
                command_words = []
        elif instruction == "ENTRYPOINT":
            image.entrypoint = words(arguments)
        elif instruction == "CMD":
            image.cmd = words(arguments)
    return image


def tree_path_in_image(path, image, root=ROOT):
    """The path in the tree of what a COPY puts at `path` in the image, or None."""
    for source, destination in reversed(image.copies):
        destination = PurePosixPath(destination)
        if (root / source).is_dir():
            if path == destination or destination in path.parents:
                return PurePosixPath(source) / path.relative_to(destination)
        elif path in (destination, destination / PurePosixPath(source).name):
            return PurePosixPath(source)
    return None


def image_path_problem(path, image, rules, root=ROOT):
    """Why `path` would be missing in the image, or None when it is there."""
    path = PurePosixPath(path)
    if path == PurePosixPath(image.workdir):
        return None
    source = tree_path_in_image(path, image, root)
    if source is None:
        made = [PurePosixPath(f) for f in image.made_folders]
        if any(path == f or f in path.parents or path in f.parents for f in made):
            return None  # a folder the image makes (mkdir -p), or a file written in one
        return f"{path} is neither copied into the image nor made by it"
    relative = PurePosixPath(*[p for p in source.parts if p != "."])
    if str(relative) in ("", "."):
        return None
    if not (root / relative).exists():
        return f"{path} comes from {relative}, which is not in the tree"
    if is_ignored(relative, rules):
        return f"{path} comes from {relative}, which .dockerignore leaves out"
    return None


def image_paths(text, image):
    """The paths a shell text names inside the image's own folders: absolute ones under
    them, and scripts (manage.py) named from the workdir, where commands run."""
    roots = image.own_roots()
    paths = re.findall(r"(?<![\w$}.])(/[\w.-]+(?:/[\w.-]+)*)", text)
    paths = [p for p in paths if any(p == r or p.startswith(r + "/") for r in roots)]
    scripts = re.findall(r"(?<![\w/.-])([\w-]+\.(?:py|sh))\b", text)
    return paths + [in_image(script, image.workdir) for script in scripts]


def dockerfile_problems(dockerfile, dockerignore, root=ROOT):
    image, rules = read_image(dockerfile), ignore_rules(dockerignore)
    problems = []
    for source, _ in image.copies:
        pattern = any(c in source for c in "*?[")
        if not ((root / source).exists() or pattern and any(root.glob(source))):
            problems.append(f"COPY {source}: not in the tree")
        elif source != "." and is_ignored(source, rules):
            problems.append(f"COPY {source}: .dockerignore leaves it out")
    named = [*image.entrypoint, *image.cmd]
    named += [p for value in image.env.values() for p in value.split(":")]
    for path in [p for p in named if p.startswith("/")]:
        if problem := image_path_problem(path, image, rules, root):
            problems.append(problem)
    for run in image.runs:
        folders = [in_image(f, image.workdir) for f in re.findall(r"--directory[= ](\S+)", run)]
        for path in folders + image_paths(run, image):
            if problem := image_path_problem(path, image, rules, root):
                problems.append(problem)
        problems += command_problems(run)
    return problems


# --- Shell commands: manage.py, uvicorn, gunicorn, celery, settings ------------------


def command_problems(text):
    """What a shell text runs that does not exist: management commands, the ASGI
    application uvicorn serves, the Celery app, the settings module."""
    problems = []
    commands = get_commands()
    for name in re.findall(r"manage\.py\s+([A-Za-z_][\w-]*)", text):
        if name not in commands:
            problems.append(f"manage.py {name}: no such management command")
    for module, attribute in re.findall(r"\buvicorn\s+([\w.]+):(\w+)", text):
        try:
            getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError) as error:
            problems.append(f"uvicorn {module}:{attribute}: {error}")
    for path in re.findall(r"\bgunicorn\s+(?:--config[= ]|-c\s*)([\w./-]+)", text):
        problems += gunicorn_config_problems(path)
    for name in re.findall(r"\bcelery\s+(?:--app[= ]|-A\s*)([\w.:]+)", text):
        try:
            if not isinstance(find_app(name), Celery):
                problems.append(f"celery --app {name}: not a Celery app")
        except Exception as error:
            problems.append(f"celery --app {name}: {error}")
    for name in re.findall(r"DJANGO_SETTINGS_MODULE\W+([\w.]+)", text):
        try:
            importlib.import_module(name)
        except ImportError as error:
            problems.append(f"settings module {name}: {error}")
    return problems


def gunicorn_config(path, root=ROOT):
    """A gunicorn config file's settings, read as gunicorn reads it (from the project's
    folder, on sys.path, so that the configs import docker._serving)."""
    return runpy.run_path(str(root / path))


def gunicorn_config_problems(path, root=ROOT):
    """A gunicorn config file must exist and name an application and worker class that
    import (a worker class by its gunicorn short name, gthread, or dotted)."""
    if not (root / path).is_file():
        return [f"gunicorn --config {path}: no such file"]
    config = gunicorn_config(path, root)
    problems = []
    for setting in ("wsgi_app", "worker_class"):
        dotted = config.get(setting, "")
        dotted = SUPPORTED_WORKERS.get(dotted, dotted) if setting == "worker_class" else dotted
        module, _, attribute = dotted.replace(":", ".").rpartition(".")
        try:
            getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError, ValueError) as error:
            problems.append(f"gunicorn {path}: {setting} {dotted!r}: {error}")
    return problems


# --- docker/entrypoint.sh ------------------------------------------------------------


def entrypoint_roles(script):
    """The roles the entrypoint's `case` knows (web, worker, beat)."""
    return {
        role
        for labels in re.findall(r"^\s*([\w|-]+)\)", script, flags=re.MULTILINE)
        for role in labels.split("|")
    }


def script_problems(script, image, rules, root=ROOT):
    problems = command_problems(script)
    for path in image_paths(script, image):
        if problem := image_path_problem(path, image, rules, root):
            problems.append(problem)
    return problems


# --- docker-compose.yml --------------------------------------------------------------


def compose_problems(compose, image, roles, rules, root=ROOT):
    problems = []
    for name, service in compose["services"].items():
        if "build" not in service:  # another project's image (postgres, redis, caddy)
            problems += [f"{name}: {problem}" for problem in mount_problems(service, compose, root)]
            continue
        build = service["build"]
        build = {"context": build} if isinstance(build, str) else build
        context, dockerfile = build.get("context", "."), build.get("dockerfile", "Dockerfile")
        if not (root / context / dockerfile).is_file():
            problems.append(f"{name}: builds from {context}/{dockerfile}, not in the tree")
        env_files = service.get("env_file") or []
        for env_file in [env_files] if isinstance(env_files, str) else env_files:
            if not (root / f"{env_file}.example").is_file():
                problems.append(f"{name}: env_file {env_file} has no {env_file}.example to copy")
        command = service.get("command", image.cmd)
        command = shlex.split(command) if isinstance(command, str) else command
        if command and command[0] not in roles:
            problems.append(f"{name}: runs {command[0]!r}, a role docker/entrypoint.sh lacks")
        problems += [f"{name}: {problem}" for problem in mount_problems(service, compose, root)]
        for volume in service.get("volumes", []):
            target = volume.split(":")[1]
            if target not in image.made_folders:
                problems.append(f"{name}: mounts {target}, a folder the image does not make")
        text = json.dumps([service.get("environment"), service.get("healthcheck")])
        problems += [f"{name}: {problem}" for problem in command_problems(text)]
        for path in image_paths(text, image):
            if problem := image_path_problem(path, image, rules, root):
                problems.append(f"{name}: {problem}")
    return problems


def mount_problems(service, compose, root=ROOT):
    """The files of the tree another project's image mounts, and the volumes it names."""
    problems = []
    for volume in service.get("volumes", []):
        source = volume.split(":")[0]
        if source.startswith((".", "/")):
            if not (root / source).exists():
                problems.append(f"mounts {source}, not in the tree")
        elif source not in set(compose.get("volumes") or {}):
            problems.append(f"mounts volume {source}, never declared")
    return problems


# --- docker/Caddyfile ----------------------------------------------------------------


def caddy_sites(caddyfile):
    """{site address: {path matcher: upstream}} of a Caddyfile written as ours is: one block
    per site, a `handle [matcher] { reverse_proxy upstream }` per route ("*" for the
    catch-all `handle`). Enough to say where each path goes, not a Caddyfile parser."""
    sites, site, matcher, depth = {}, None, None, 0
    for line in caddyfile.splitlines():
        stripped = line.split("#")[0].strip()
        if not stripped:
            continue
        if depth == 0 and stripped.endswith("{") and stripped != "{":
            site = stripped[:-1].strip()
            sites[site] = {}
        elif depth == 1 and stripped.startswith("handle") and stripped.endswith("{"):
            matcher = (stripped.split()[1:-1] or ["*"])[0]
        elif depth == 2 and stripped.startswith("reverse_proxy ") and site is not None:
            sites[site][matcher] = stripped.split()[1]
        depth += stripped.count("{") - stripped.count("}")
    return sites


def route_problems(caddyfile, compose, ports):
    """Each route of the Caddyfile reaches a compose service on the port its server
    listens on (`ports`: {service: port})."""
    problems = []
    for site, routes in caddy_sites(caddyfile).items():
        for matcher, upstream in routes.items():
            host, _, port = upstream.rpartition(":")
            if host not in compose["services"]:
                problems.append(f"{site} {matcher}: {upstream}, no such service")
            elif str(ports.get(host)) != port:
                listens = ports.get(host)
                problems.append(f"{site} {matcher}: {upstream}, but {host} listens on {listens}")
    return problems


# --- Apps: every one in the image and in the wheel -----------------------------------


def top_level_packages(root=ROOT):
    return {p.parent.name for p in root.glob("*/__init__.py")}


def imports_of(package_folder):
    names = set()
    for path in package_folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def development_only_modules(pyproject):
    """Installed top-level modules whose distribution pyproject names in the dev extras
    but not in the dependencies: the image does not install them."""

    def names(requirements):
        return {re.sub(r"[-_.]+", "-", re.match(r"[\w.-]+", r)[0]).lower() for r in requirements}

    project = tomllib.loads(pyproject)["project"]
    development = names(project["optional-dependencies"]["dev"]) - names(project["dependencies"])
    return {
        module
        for module, distributions in packages_distributions().items()
        if names(distributions) & development
    }


def setuptools_finds(pyproject, root=ROOT):
    """The packages [tool.setuptools.packages.find] finds, as setuptools reads it."""
    find = tomllib.loads(pyproject)["tool"]["setuptools"]["packages"]["find"]
    finder = find_packages if find.get("namespaces") is False else find_namespace_packages
    include, exclude = find.get("include", ("*",)), find.get("exclude", ())
    return set(finder(str(root), include=include, exclude=exclude))


def coverage_problems(dockerfile, dockerignore, pyproject, root=ROOT):
    """Every shipped package (a top-level folder with __init__.py, but tests and bench) is
    copied into the image and found by setuptools with each of its subpackages; the
    development packages are neither, and nothing shipped imports them, nor a module
    only the dev extras install (factory, pytest, playwright...)."""
    image, rules = read_image(dockerfile), ignore_rules(dockerignore)
    found = setuptools_finds(pyproject, root)
    development_modules = development_only_modules(pyproject)
    local_apps = {app.split(".")[0] for app in settings.INSTALLED_APPS} & top_level_packages(root)
    shipped = (top_level_packages(root) - DEVELOPMENT_PACKAGES) | local_apps
    problems = []
    for package in sorted(shipped):
        if image_path_problem(in_image(package, image.workdir), image, rules, root):
            problems.append(f"{package}: not copied into the image")
        folders = {p.parent for p in (root / package).rglob("*.py") if "__pycache__" not in p.parts}
        for folder in sorted(folders):
            dotted = ".".join(folder.relative_to(root).parts)
            if dotted not in found:
                problems.append(f"{dotted}: setuptools does not find it")
        if leaked := imports_of(root / package) & (DEVELOPMENT_PACKAGES | development_modules):
            leaked = ", ".join(sorted(leaked))
            problems.append(f"{package}: imports {leaked}, left out of the image")
    if strays := {p.split(".")[0] for p in found} - shipped:
        problems.append(f"setuptools ships {', '.join(sorted(strays))}, no app")
    for package in sorted(DEVELOPMENT_PACKAGES & top_level_packages(root)):
        if not is_ignored(package, rules):
            problems.append(f"{package}: development only, yet copied into the image")
        if package in found:
            problems.append(f"{package}: development only, yet setuptools ships it")
    return problems
