"""The container, checked without a Docker engine: what the Dockerfile and compose.yaml promise (a slim Python the
project supports, built from the repository alone, a non-root user, the store on a volume, `ai-trends serve`),
and that web and worker share that volume and .env."""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import tomllib

import yaml

from bot.config import PROJECT_DIR

DOCKERFILE = (PROJECT_DIR / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((PROJECT_DIR / "compose.yaml").read_text())
IGNORED = [line for line in (PROJECT_DIR / ".dockerignore").read_text().splitlines() if line and line[0] != "#"]
PYPROJECT = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def _final_stage() -> list[tuple[str, str]]:
    steps = _instructions()
    last_from = max(i for i, (name, _) in enumerate(steps) if name == "FROM")
    return steps[last_from:]


def _env(stage) -> dict[str, str]:
    pairs = [pair for name, args in stage if name == "ENV" for pair in shlex.split(args)]
    return dict(pair.split("=", 1) for pair in pairs)


def test_every_stage_is_a_slim_python_the_project_supports():
    minimum = tuple(
        int(p) for p in re.search(r">=\s*(\d+\.\d+)", PYPROJECT["project"]["requires-python"])[1].split(".")
    )
    images = [args.split()[0] for name, args in _instructions() if name == "FROM"]
    assert images
    for image in images:
        found = re.fullmatch(r"python:(\d+)\.(\d+)-slim(-[a-z]+)?", image)
        assert found, image
        assert (int(found[1]), int(found[2])) >= minimum, image


def test_the_image_is_built_from_the_repository_alone():
    for name, args in _instructions():
        assert name != "ADD", "ADD may fetch URLs; COPY only what the repository has"
        if name == "COPY" and not args.startswith("--from"):
            for source in shlex.split(args)[:-1]:
                assert (PROJECT_DIR / source).exists(), source
                assert not any(fnmatch.fnmatch(source, pattern) for pattern in IGNORED), source
    install = next(args for name, args in _final_stage() if name == "RUN" and "pip install" in args)
    assert "--no-index" in install and "ai-trends" in install  # the final image installs only the built wheels
    assert {"data/*.db", ".env", ".venv"} <= set(IGNORED)  # never a local store or secrets in the build context


def test_it_runs_as_a_non_root_user_with_the_store_on_a_volume():
    stage = _final_stage()
    users = [args.strip() for name, args in stage if name == "USER"]
    assert users and users[-1] not in ("root", "0") and not users[-1].startswith(("0:", "root:"))
    volumes = [v for name, args in stage if name == "VOLUME" for v in json.loads(args)]
    store = _env(stage)["AI_TRENDS_DB"]
    assert any(store.startswith(volume.rstrip("/") + "/") for volume in volumes), (store, volumes)
    assert f"chown {users[-1]}" in " ".join(args for name, args in stage if name == "RUN")


def test_the_default_command_serves_and_health_is_probed():
    stage = _final_stage()
    assert json.loads(next(args for name, args in reversed(stage) if name == "CMD")) == ["ai-trends", "serve"]
    health = next(args for name, args in stage if name == "HEALTHCHECK")
    assert json.loads(health.split("CMD", 1)[1]) == ["ai-trends", "health"]
    assert _env(stage)["PORT"] == "3000" and any(name == "EXPOSE" and "3000" in args for name, args in stage)


def test_compose_runs_web_and_worker_on_one_store_with_the_env_file():
    services = COMPOSE["services"]
    assert services["web"]["command"] == ["ai-trends", "serve"]
    assert services["worker"]["command"] == ["ai-trends", "worker"]
    store = _env(_final_stage())["AI_TRENDS_DB"]
    mounts = []
    for name in ("web", "worker"):
        service = services[name]
        assert service["env_file"] == ".env"
        # Set here, not from .env: an empty AI_TRENDS_DB= copied from .env.example must not move the store.
        assert service["environment"]["AI_TRENDS_DB"] == store
        (volume,) = service["volumes"]
        source, target = volume.split(":")
        assert store.startswith(target + "/") and source in COMPOSE["volumes"]
        mounts.append(source)
    assert mounts[0] == mounts[1]
    assert services["worker"]["healthcheck"]["test"] == ["CMD", "ai-trends", "health", "--worker"]
    assert services["worker"]["depends_on"]["web"]["condition"] == "service_healthy"
