"""The store's schema, one migration at a time, each in the module of the capability that needs it. Append only: a
released migration is never edited, so every store reaches the same schema whatever version it started from, and
a store missing a version (branches merged out of order) is given it by `bot.store.schema.migrate`.

Imports only sqlite_utils: the schema knows nothing of the code that fills it."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from bot.store.migrations.data import MODEL_LIST_COLUMNS, create_model_list_and_saved_answers
from bot.store.migrations.early import (
    INFERRED_MODEL_COLUMNS,
    create_conversation_tables,
    create_core_tables,
    create_live_data_tables,
    create_schedule_tables,
)
from bot.store.migrations.search import create_figure_search
from bot.store.migrations.watches import create_watch_tables
from bot.store.migrations.workspaces import add_workspaces

MIGRATIONS: list[tuple[int, str, Callable[[sqlite_utils.Database], None]]] = [
    (1, "core tables: rankings, models, figures, sources, meta", create_core_tables),
    (2, "conversation state: thread context and handled events", create_conversation_tables),
    (3, "weekly digests: channel subscriptions and exactly-once job runs", create_schedule_tables),
    (4, "live data: inferred models, refresh runs, Data API request budget", create_live_data_tables),
    (5, "OpenRouter's model list (prices, Hugging Face ids) and saved answers", create_model_list_and_saved_answers),
    (6, "search over the study's figures (FTS5, bm25)", create_figure_search),
    (7, "several workspaces: the workspace of each digest subscription", add_workspaces),
    (8, "watches: channel conditions on the market, their state and their alerts", create_watch_tables),
]

__all__ = ["INFERRED_MODEL_COLUMNS", "MIGRATIONS", "MODEL_LIST_COLUMNS"]
