"""A store that grows as refreshes would grow it: the bundled full series cut at a day, then more days imported
(each import is a new data version), for watch tests that go through the store, the worker and the fake Slack."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd

from bot.config import Paths
from bot.store.build import ensure_built, import_file
from tests.conftest import DATA_DIR, FULL_SERIES

CUT = date(2025, 7, 30)  # a Wednesday: the latest complete week is 2025-07-21, the week of 2025-07-28 is partial
AS_OF = "2026-09"  # the bundled series' snapshot, cited in every answer and alert
CITATION = f"Source: OpenRouter (openrouter.ai/rankings), as of {AS_OF}. Licensed under CC BY 4.0."


def _rows(after: date | None, until: date) -> pd.DataFrame:
    rows = pd.read_csv(FULL_SERIES)
    days = pd.to_datetime(rows["date"]).dt.date
    keep = (days <= until) & ((days > after) if after else True)
    return rows[keep]


def growing_store(folder: Path, until: date) -> Paths:
    """data/ as shipped but with the rankings only up to `until`, and a store built from it."""
    data_dir = folder / "data"
    shutil.copytree(DATA_DIR, data_dir, ignore=shutil.ignore_patterns("*.db", "*.db-*", "rankings"))
    (data_dir / "rankings").mkdir()
    _rows(None, until).to_csv(data_dir / "rankings" / FULL_SERIES.name, index=False)
    paths = Paths(data_dir=data_dir, db_path=folder / "watch.db")
    ensure_built(paths)
    return paths


def add_days(paths: Paths, after: date, until: date) -> None:
    """Import the series' days after `after` up to `until`, as a refresh would add them (a new data version)."""
    path = paths.db_path.parent / f"days-{after.isoformat()}-{until.isoformat()}.csv"
    _rows(after, until).to_csv(path, index=False)
    assert import_file(paths, path, as_of=AS_OF).changed
