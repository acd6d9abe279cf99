"""Migration 7: several workspaces in one store."""

from __future__ import annotations

import sqlite_utils


def add_workspaces(db: sqlite_utils.Database) -> None:
    """Each subscription belongs to the workspace it was made in, whose own token posts its digests (NULL: made
    before this migration, in the single workspace of that time)."""
    db["subscriptions"].add_column("workspace", str)
    db["subscriptions"].create_index(["workspace"])
