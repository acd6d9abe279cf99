"""Build the store from data/ (rebuilt when the bundled files change) and import extra files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from bot.config import Paths
from bot.errors import ImportRejected
from bot.store import loaders
from bot.store.bundle import fingerprint, sha256
from bot.store.catalogue import apply_inferred
from bot.store.schema import connect, get_meta, one_builder, set_meta

BUNDLED = "bundled:"
API_SOURCE = "api:rankings-daily"  # rows from `ai-trends refresh`: a rebuild from data/ never deletes them

# A newer as_of wins: OpenRouter restates recent days, and a restatement must replace the old figure.
UPSERT_RANKING = """
INSERT INTO rankings (date, model_permaslug, total_tokens, source, as_of)
VALUES (:date, :model_permaslug, :total_tokens, :source, :as_of)
ON CONFLICT(date, model_permaslug) DO UPDATE SET
  total_tokens = excluded.total_tokens, source = excluded.source, as_of = excluded.as_of
WHERE excluded.as_of >= rankings.as_of
"""
FIGURE_FIELDS = [
    "id",
    "topic",
    "metric",
    "segment",
    "period_text",
    "period_start",
    "period_end",
    "value_text",
    "comparator",
    "value",
    "value_high",
    "unit",
    "confidence",
    "confidence_text",
    "statable",
    "disputed",
    "sources",
    "source",
]
UPSERT_FIGURE = (
    f"INSERT OR REPLACE INTO figures ({', '.join(FIGURE_FIELDS)}) VALUES ({', '.join(':' + f for f in FIGURE_FIELDS)})"
)


@dataclass(frozen=True)
class ImportResult:
    path: str
    kind: str
    rows: int
    changed: bool


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _record_source(db: sqlite_utils.Database, name: str, kind: str, digest: str, rows: int, as_of: str | None) -> None:
    db.execute(
        "INSERT OR REPLACE INTO sources (name, kind, sha256, rows, as_of, loaded_at) "
        "VALUES (:name, :kind, :sha, :rows, :as_of, :at)",
        {"name": name, "kind": kind, "sha": digest, "rows": rows, "as_of": as_of, "at": _now()},
    )


def bump_version(db: sqlite_utils.Database) -> None:
    set_meta(db, "data_version", str(int(get_meta(db, "data_version") or 0) + 1))


def _load_rankings(db: sqlite_utils.Database, rows: list[dict], source: str) -> None:
    db.conn.executemany(UPSERT_RANKING, [{**row, "source": source} for row in rows])


def _load_figures(db: sqlite_utils.Database, rows: list[dict], source: str) -> None:
    db.conn.executemany(UPSERT_FIGURE, [{**row, "source": source} for row in rows])


def _load_model_list(db: sqlite_utils.Database, rows: list[dict], paths: Paths) -> None:
    if not rows:
        return
    name = BUNDLED + paths.model_list_csv.name
    db["model_list"].insert_all([{**row, "source": name} for row in rows], replace=True)
    _record_source(db, name, "model list", sha256(paths.model_list_csv), len(rows), max(r["last_seen"] for r in rows))


def _rebuild(db: sqlite_utils.Database, paths: Paths, digest: str) -> None:
    """Replace everything that came from data/; rows added by `ai-trends import` stay."""
    as_of_table = loaders.read_as_of_table(paths.data_dir / "rankings-sources.csv")
    parsed = []
    for path in sorted(paths.rankings_dir.glob("*.csv")):
        rows = loaders.read_rankings(path, as_of=as_of_table.get(path.name))
        parsed.append((path, rows))
    catalogue = loaders.read_catalogue(paths.catalogue_csv)
    model_list = loaders.read_model_list(paths.model_list_csv) if paths.model_list_csv.exists() else []
    figures = loaders.read_figures(paths.figures_csv)
    with db.atomic():
        db.execute("DELETE FROM rankings WHERE source LIKE :p", {"p": BUNDLED + "%"})
        db.execute("DELETE FROM figures WHERE source LIKE :p", {"p": BUNDLED + "%"})
        db.execute("DELETE FROM sources WHERE name LIKE :p", {"p": BUNDLED + "%"})
        db.execute("DELETE FROM models")
        db.execute("DELETE FROM model_list WHERE source LIKE :p", {"p": BUNDLED + "%"})
        for path, rows in parsed:
            name = BUNDLED + path.name
            _load_rankings(db, rows, name)
            _record_source(db, name, "rankings", sha256(path), len(rows), max(r["as_of"] for r in rows))
        # A day the Data API delivered is whole (its top 50 and 'other'); an older file's rows for it would count twice.
        db.execute(
            "DELETE FROM rankings WHERE source LIKE :p AND date IN (SELECT date FROM rankings WHERE source = :api)",
            {"p": BUNDLED + "%", "api": API_SOURCE},
        )
        db["models"].insert_all(catalogue)
        apply_inferred(db)
        _record_source(
            db, BUNDLED + paths.catalogue_csv.name, "catalogue", sha256(paths.catalogue_csv), len(catalogue), None
        )
        _load_model_list(db, model_list, paths)
        _load_figures(db, figures, BUNDLED + paths.figures_csv.name)
        _record_source(db, BUNDLED + paths.figures_csv.name, "figures", sha256(paths.figures_csv), len(figures), None)
        set_meta(db, "bundle_fingerprint", digest)
        bump_version(db)


def ensure_built(paths: Paths) -> int:
    """Build or refresh the store from data/ when the bundled files changed; return the data version."""
    return store_state(paths)[0]


def store_state(paths: Paths) -> tuple[int, int]:
    """ensure_built, and the id of the latest refresh attempt, in one connection (asked on every question)."""
    digest = fingerprint(paths)
    with connect(paths.db_path) as db:
        if get_meta(db, "bundle_fingerprint") != digest:
            with one_builder(paths.db_path):
                if get_meta(db, "bundle_fingerprint") != digest:  # not rebuilt while this process waited
                    _rebuild(db, paths, digest)
        latest_refresh = db.execute("SELECT COALESCE(MAX(id), 0) FROM refresh_runs").fetchone()[0]
        return int(get_meta(db, "data_version") or 0), latest_refresh


def import_file(paths: Paths, path: Path, as_of: str | None = None) -> ImportResult:
    """Validate a whole rankings or figures file, then load all of it in one transaction (or nothing)."""
    if not path.is_file():
        raise ImportRejected(str(path), None, "no such file")
    kind = loaders.detect_format(path)
    rows = loaders.read_rankings(path, as_of=as_of) if kind == "rankings" else loaders.read_figures(path)
    digest, name = sha256(path), f"import:{path.name}"
    ensure_built(paths)
    with connect(paths.db_path) as db:
        known = db.execute("SELECT 1 FROM sources WHERE sha256 = :s", {"s": digest}).fetchone()
        if known:
            return ImportResult(str(path), kind, len(rows), changed=False)
        with db.atomic():
            if kind == "rankings":
                _load_rankings(db, rows, name)
            else:
                _load_figures(db, rows, name)
            as_of_max = max(r["as_of"] for r in rows) if kind == "rankings" else None
            _record_source(db, name, kind, digest, len(rows), as_of_max)
            bump_version(db)
    return ImportResult(str(path), kind, len(rows), changed=True)
