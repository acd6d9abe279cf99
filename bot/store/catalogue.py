"""Inferred catalogue rows: which ranked slugs need one, keeping them across rebuilds, and what is still missing."""

from __future__ import annotations

import sqlite_utils

from bot.store import infer
from bot.store.loaders import CATALOGUE_COLUMNS
from bot.store.schema import INFERRED_MODEL_COLUMNS

_COLUMNS = ", ".join(CATALOGUE_COLUMNS)
# Hand-checked rows (inferred = 0) are never replaced: INSERT OR IGNORE skips every slug they hold.
APPLY_INFERRED = f"""
INSERT OR IGNORE INTO models ({_COLUMNS}, inferred)
SELECT {_COLUMNS}, 1 FROM models_inferred
"""


def apply_inferred(db: sqlite_utils.Database) -> None:
    """Copy inferred rows into `models` wherever no hand-checked row exists (after a rebuild or a refresh)."""
    db.execute("DELETE FROM models WHERE inferred = 1")
    db.execute(APPLY_INFERRED)


def hand_checked(db: sqlite_utils.Database) -> list[dict]:
    return [dict(row) for row in db.query(f"SELECT {_COLUMNS} FROM models WHERE inferred = 0")]


def slugs_needing_rows(db: sqlite_utils.Database, ranked: set[str]) -> list[str]:
    """Ranked slugs (besides 'other') without a hand-checked catalogue row."""
    checked = {row[0] for row in db.execute("SELECT slug FROM models WHERE inferred = 0")}
    return sorted(slug for slug in ranked if slug != "other" and slug not in checked)


def infer_rows(db: sqlite_utils.Database, slugs: list[str], entries: list[dict]) -> list[dict]:
    """Classify each slug from its /api/v1/models entry (if any) and the vendor rules.

    A model OpenRouter has since delisted keeps the row made while it was listed: the slug alone says less."""
    vendors, origins = infer.vendor_tables(hand_checked(db))
    index = infer.index_models(entries)
    stored = stored_inferred(db)
    rows = []
    for slug in slugs:
        entry = infer.find_entry(slug, index)
        if entry is None and stored.get(slug, {}).get("in_models_api"):
            rows.append(stored[slug])
        else:
            rows.append(infer.classify(slug, entry, vendors, origins))
    return rows


def stored_inferred(db: sqlite_utils.Database) -> dict[str, dict]:
    return {row["slug"]: dict(row) for row in db["models_inferred"].rows}


def save_inferred(db: sqlite_utils.Database, rows: list[dict]) -> list[str]:
    """Upsert inferred rows that differ from the stored ones; return the slugs that had none before."""
    stored = stored_inferred(db)
    changed = [row for row in rows if stored.get(row["slug"]) != row]
    if changed:
        names = list(INFERRED_MODEL_COLUMNS)
        sql = (
            f"INSERT OR REPLACE INTO models_inferred ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"
        )
        db.conn.executemany(sql, changed)
        apply_inferred(db)
    return [row["slug"] for row in changed if row["slug"] not in stored]


def inferred_differs(db: sqlite_utils.Database, rows: list[dict]) -> bool:
    stored = stored_inferred(db)
    return any(stored.get(row["slug"]) != row for row in rows)


UNCLASSIFIED_SQL = """
WITH recent AS (
  SELECT model_permaslug AS slug, SUM(total_tokens) AS tokens FROM rankings
  WHERE date > date(:last, :window) GROUP BY model_permaslug
)
SELECT r.slug, r.tokens * 100.0 / (SELECT SUM(tokens) FROM recent) AS share,
       m.slug IS NOT NULL AS known, m.origin, m.open_weights, m.size_class, m.reasoning, m.inferred,
       m.stealth = 1 AND m.revealed_as IS NULL AS unrevealed, m.evidence
FROM recent r LEFT JOIN models m ON m.slug = r.slug
WHERE r.slug != 'other' AND (m.kind IS NULL OR m.kind = 'text')
ORDER BY share DESC, r.slug
"""


def _missing(row: dict) -> list[str]:
    if not row["known"]:
        return ["not in the catalogue"]
    if row["unrevealed"]:
        return ["a stealth model nobody has revealed yet"]
    missing = []
    if row["origin"] is None:
        missing.append("origin")
    if row["open_weights"] is None:
        missing.append("open weights")
    if row["reasoning"] is None:
        missing.append("reasoning")
    if row["open_weights"] == 1 and row["size_class"] is None:
        missing.append("size")  # size classes are shares of open-weight tokens, so only open models need one
    return missing


def unclassified(db: sqlite_utils.Database, days: int = 28) -> list[dict]:
    """Ranked slugs of the last `days` days still missing origin, open weights, reasoning or (open models) size,
    and unrevealed stealth models, biggest first, with the evidence note that says what was searched.

    share is the slug's percent of all tokens in those days, the long tail ('other') included."""
    last = db.execute("SELECT MAX(date) FROM rankings").fetchone()[0]
    if last is None:
        return []
    rows = db.query(UNCLASSIFIED_SQL, {"last": last, "window": f"-{days} days"})
    out = []
    for row in rows:
        missing = _missing(row)
        if missing:
            out.append(
                {
                    "slug": row["slug"],
                    "share": row["share"],
                    "missing": missing,
                    "inferred": bool(row["inferred"]),
                    "evidence": row["evidence"],
                }
            )
    return out
