"""Installing anywhere: the wheel carries the bundled data, and an installed ai-trends answers from any folder
with its store in the user's data directory, never inside site-packages."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from setuptools import find_packages

from bot.config import PROJECT_DIR
from tests.conftest import DATA_DIR

PYPROJECT = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())
NOT_SOURCES = (".venv", ".git", "build", "*.egg-info", "__pycache__", "out", ".pytest_cache", ".ruff_cache", "*.db*")


def test_every_package_under_bot_and_handlers_ships():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = set(find_packages(where=str(PROJECT_DIR), include=["bot*", "handlers*"]))
    assert found - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["ai_trends_data"] == "data"


def _bundled_files() -> set[str]:
    files = {p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*") if p.is_file()}
    return {f for f in files if "__pycache__" not in f and ".db" not in f}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the repository's files (with a stray database that must stay out)."""
    source = tmp_path_factory.mktemp("source") / "ai-trends"
    shutil.copytree(PROJECT_DIR, source, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    (source / "data" / "ai-trends.db").write_bytes(b"a runtime store, not data")
    dist = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist)]
    subprocess.run([*build, str(source)], check=True, capture_output=True, timeout=180)
    (found,) = dist.glob("ai_trends-*.whl")
    return found


def test_the_wheel_carries_every_bundled_file_and_no_database(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.removeprefix("ai_trends_data/") for n in names if n.startswith("ai_trends_data/")}
    assert _bundled_files() <= shipped
    assert not [n for n in names if ".db" in n]
    assert "handlers/cli.py" in names and "bot/store/schema.py" in names


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; its dependencies come from this environment."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True
    ).stdout.strip()
    # A path line, not a site dir: the packages here become importable, but not this checkout's editable install.
    (Path(purelib) / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q"]
    subprocess.run([*install, str(wheel)], check=True, capture_output=True, timeout=180)
    return venv


def _run(venv: Path, *args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AI_TRENDS_", "SLACK_", "XDG_", "PYTHON"))}
    env |= {"HOME": str(home)}
    return subprocess.run(
        [str(venv / "bin" / arg) if i == 0 else arg for i, arg in enumerate(args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_installed_ai_trends_answers_from_an_empty_folder(installed, tmp_path):
    folder, home = tmp_path / "empty", tmp_path / "home"
    folder.mkdir()
    home.mkdir()
    where = _run(
        installed,
        "python",
        "-c",
        "import bot, ai_trends_data; print(bot.__file__, ai_trends_data.__file__)",
        cwd=folder,
        home=home,
    )
    assert all(path.startswith(str(installed)) for path in where.stdout.split()), where.stdout  # not this checkout

    asked = _run(installed, "ai-trends", "ask", "open-source", cwd=folder, home=home)
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.startswith("Open weights:") and "Licensed under CC BY 4.0." in asked.stdout
    assert (folder / "out" / "open-source.png").read_bytes()[:4] == b"\x89PNG"

    status = _run(installed, "ai-trends", "db", "status", "--json", cwd=folder, home=home)
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert Path(report["database"]).is_relative_to(home) and Path(report["database"]).is_file()
    assert report["rankings"]["rows"] > 1000 and report["sources"]
    assert not list(installed.rglob("*.db")), "the store must never be written inside the installation"
