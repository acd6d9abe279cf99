"""Shared fixtures: real SQLite stores in tmp_path, built from the repository's bundled data.

Most tests run on the 21-day sample (tests/data/, fast and with gaps between its windows); tests of the full
series that ships as the default use `full_paths`."""

from __future__ import annotations

import csv
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from bot.config import PROJECT_DIR, Paths

DATA_DIR = PROJECT_DIR / "data"
FULL_SERIES = DATA_DIR / "rankings" / "openrouter-rankings-daily.csv"
SAMPLE = PROJECT_DIR / "tests" / "data" / "openrouter-rankings-daily-sample.csv"
SAMPLE_AS_OF = "2026-09"  # cut from the full series, whose snapshot is dated 2026-09


@cache
def sample_data_dir() -> Path:
    """data/ as shipped, but with the 21-day sample as its only rankings file (made once per test run)."""
    folder = Path(tempfile.mkdtemp(prefix="ai-trends-sample-")) / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*.db", "*.db-*", "rankings"))
    (folder / "rankings").mkdir()
    shutil.copy(SAMPLE, folder / "rankings" / SAMPLE.name)
    write_csv(
        folder / "rankings-sources.csv",
        ["file", "as_of", "origin", "licence"],
        [[SAMPLE.name, SAMPLE_AS_OF, "sample", "CC BY 4.0"]],
    )
    return folder


@pytest.fixture(scope="session")
def built_paths(tmp_path_factory) -> Paths:
    """A store built once from the sample, shared by read-only tests."""
    from bot.store.build import ensure_built

    paths = Paths(data_dir=sample_data_dir(), db_path=tmp_path_factory.mktemp("store") / "ai-trends.db")
    ensure_built(paths)
    return paths


@pytest.fixture(scope="session")
def full_paths(tmp_path_factory) -> Paths:
    """A store built once from data/ exactly as it ships (the full series), shared by read-only tests."""
    from bot.store.build import ensure_built

    paths = Paths(data_dir=DATA_DIR, db_path=tmp_path_factory.mktemp("full") / "ai-trends.db")
    ensure_built(paths)
    return paths


@pytest.fixture
def own_data(tmp_path) -> Paths:
    """A private copy of the sample data and a fresh store, for tests that change files or write to the store."""
    data_dir = tmp_path / "data"
    shutil.copytree(sample_data_dir(), data_dir)
    return Paths(data_dir=data_dir, db_path=tmp_path / "store.db")


@pytest.fixture(scope="session")
def watch_template(tmp_path_factory) -> Paths:
    """The full series cut on a Wednesday (tests/watch_kit.py CUT), built once; watch tests grow copies of it."""
    from tests.watch_kit import CUT, growing_store

    return growing_store(tmp_path_factory.mktemp("watch"), CUT)


@pytest.fixture
def watch_paths(watch_template, tmp_path) -> Paths:
    """A private copy of that data folder and store, which a test may grow by importing more days."""
    shutil.copytree(watch_template.data_dir, tmp_path / "data")
    shutil.copy(watch_template.db_path, tmp_path / "watch.db")
    return Paths(tmp_path / "data", tmp_path / "watch.db")


@pytest.fixture
def fake():
    """A fake OpenRouter (Data API and models list) on a free local port; see tests/fake_openrouter.py."""
    from tests.fake_openrouter import FakeOpenRouter
    from tests.refresh_kit import KEY

    server = FakeOpenRouter(key=KEY).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def raw() -> pd.DataFrame:
    """The raw sample joined with the catalogue by plain pandas: the independent reference computation."""
    rankings = pd.read_csv(SAMPLE, parse_dates=["date"])
    catalogue = pd.read_csv(DATA_DIR / "model-catalogue.csv")
    merged = rankings.merge(catalogue, how="left", left_on="model_permaslug", right_on="slug")
    merged = merged[(merged["model_permaslug"] == "other") | (merged["kind"] == "text")]
    merged["iso_week"] = merged["date"].dt.strftime("%G-W%V")
    return merged


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(autouse=True, scope="session")
def no_language_model():
    """Tests never reach a real language model, whatever the developer's environment holds."""
    import os

    from bot.ask.answer import default_llm

    saved = os.environ.pop("AI_TRENDS_LLM_MODEL", None)
    default_llm.cache_clear()
    yield
    if saved is not None:
        os.environ["AI_TRENDS_LLM_MODEL"] = saved
    default_llm.cache_clear()
