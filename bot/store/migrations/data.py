"""Migration 5: OpenRouter's model list (prices, Hugging Face ids) and answers saved per data version."""

from __future__ import annotations

import sqlite_utils

MODEL_LIST_COLUMNS = {
    "canonical_slug": str,
    "model_id": str,
    "name": str,
    "vendor": str,
    "created_at": str,
    "context_length": int,
    "price_prompt": float,  # USD per token, as OpenRouter lists it
    "price_completion": float,
    "hugging_face_id": str,
    "reasoning": int,
    "modality": str,
    "first_seen": str,
    "last_seen": str,
    "active": int,
    "source": str,
}


def create_model_list_and_saved_answers(db: sqlite_utils.Database) -> None:
    """OpenRouter's /api/v1/models, accumulated: what it proves (a Hugging Face id means open weights) and prices.
    And answers saved per data version, so a question asked again (even by a new process) needs no computing."""
    db["model_list"].create(MODEL_LIST_COLUMNS, pk="canonical_slug")
    db["saved_answers"].create(
        {"key": str, "version": int, "marker": int, "record": str, "png": bytes, "saved_at": float}, pk="key"
    )
