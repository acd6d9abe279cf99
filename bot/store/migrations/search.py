"""Migration 6: full-text search over the study's figures (FTS5 with bm25; a plain table where FTS5 is missing)."""

from __future__ import annotations

import sqlite3

import sqlite_utils


def create_figure_search(db: sqlite_utils.Database) -> None:
    """Full-text search over the study's figures, kept in step with the figures table by triggers (an INSERT OR
    REPLACE fires no delete trigger, so the insert trigger clears the id first). Without FTS5 in this SQLite
    build, a plain table that bot.store.search scans instead."""
    try:
        db.execute(
            "CREATE VIRTUAL TABLE figures_fts USING fts5(id UNINDEXED, metric, segment, topic, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    except sqlite3.OperationalError:
        db["figures_fts"].create({"id": str, "metric": str, "segment": str, "topic": str})
    insert = "INSERT INTO figures_fts (id, metric, segment, topic) VALUES (new.id, new.metric, new.segment, new.topic);"
    db.execute(
        "CREATE TRIGGER figures_fts_insert AFTER INSERT ON figures BEGIN "
        f"DELETE FROM figures_fts WHERE id = new.id; {insert} END"
    )
    db.execute(
        "CREATE TRIGGER figures_fts_update AFTER UPDATE ON figures BEGIN "
        f"DELETE FROM figures_fts WHERE id = old.id; {insert} END"
    )
    db.execute(
        "CREATE TRIGGER figures_fts_delete AFTER DELETE ON figures BEGIN DELETE FROM figures_fts WHERE id = old.id; END"
    )
    db.execute("INSERT INTO figures_fts (id, metric, segment, topic) SELECT id, metric, segment, topic FROM figures")
