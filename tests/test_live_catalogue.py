"""New models from /api/v1/models get an inferred classification; hand-checked rows always win, across rebuilds."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from bot import analytics
from bot.analytics.snapshot import current
from bot.store import infer
from bot.store.build import ensure_built
from bot.store.catalogue import unclassified
from bot.store.schema import connect
from tests.conftest import SAMPLE
from tests.fake_openrouter import synthetic_days
from tests.refresh_kit import TEXT_SLUGS, content, run

NEW_OPEN = "newlab/nova-72b-instruct"
NEW_VARIANT = "qwen/qwen9-235b-a22b:free"
NEW_UNKNOWN = "mysterylab/zeta"
CHECKED = "openai/gpt-4o-mini"  # hand-checked as closed; the API entry below wrongly says otherwise
MODELS = [
    {
        "id": "newlab/nova-72b",
        "canonical_slug": NEW_OPEN,
        "name": "NewLab: Nova 72B",
        "created": 1764547200,
        "hugging_face_id": "newlab/Nova-72B-Instruct",
        "supported_parameters": ["tools", "reasoning", "include_reasoning"],
        "pricing": {"prompt": "0.0000002", "completion": "0.0000008"},
        "context_length": 131072,
        "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
    },
    {
        "id": "qwen/qwen9-235b-a22b",
        "canonical_slug": "qwen/qwen9-235b-a22b",
        "name": "Qwen: Qwen9 235B A22B",
        "created": 1764547200,
        "hugging_face_id": "Qwen/Qwen9-235B-A22B",
        "supported_parameters": ["tools"],
        "pricing": {"prompt": "0", "completion": "0"},
        "context_length": 262144,
    },
    {"id": CHECKED, "canonical_slug": CHECKED, "name": "OpenAI: GPT-4o-mini", "hugging_face_id": "fake/gpt"},
]
DAYS = synthetic_days(date(2025, 11, 29), date(2025, 12, 10), TEXT_SLUGS[:47] + [NEW_OPEN, NEW_VARIANT, NEW_UNKNOWN])


@pytest.mark.parametrize(
    ("texts", "params", "size"),
    [
        (("meta-llama/llama-3.1-8b-instruct",), 8.0, "small"),
        (("qwen/qwen3-235b-a22b",), 235.0, "large"),  # a22b is the active count, not the size
        (("mistralai/mixtral-8x7b-instruct",), 56.0, "medium"),
        (("deepseek/r1-distill-qwen-1.5b",), 1.5, "small"),
        (("thedrummer/rocinante-12b",), 12.0, "small"),
        ((None, "meta-llama/llama-3-70b"), 70.0, "medium"),
        (("openai/gpt-4o",), None, None),
    ],
)
def test_size_from_the_name(texts, params, size):
    assert infer.params_from_text(*texts) == params
    assert infer.size_class(params) == size


def test_classify_reads_the_models_api_fields_and_the_vendor_rules():
    row = infer.classify(NEW_OPEN, MODELS[0], {}, {})
    assert (row["name"], row["vendor"], row["origin"]) == ("Nova 72B", "NewLab", None)
    assert (row["open_weights"], row["params_b"], row["size_class"], row["reasoning"]) == (1, 72.0, "large", 1)
    assert (row["created"], row["context_length"], row["prompt_price"], row["in_models_api"]) == (
        "2025-12-01",
        131072,
        2e-7,
        1,
    )
    variant = infer.classify(NEW_VARIANT, infer.find_entry(NEW_VARIANT, infer.index_models(MODELS)), {}, {})
    assert (variant["canonical"], variant["origin"], variant["open_weights"], variant["reasoning"]) == (
        "qwen/qwen9-235b-a22b",
        "China",
        1,
        0,
    )
    unknown = infer.classify("someone/deep-r1-thinking", None, {}, {})
    assert (unknown["open_weights"], unknown["reasoning"], unknown["in_models_api"]) == (None, 1, 0)
    assert unknown["evidence"].startswith("inferred from the slug only")
    silent = infer.classify("someone/plain-model", None, {}, {})
    assert (silent["open_weights"], silent["reasoning"]) == (None, None)  # no evidence either way: Unknown


@pytest.fixture
def refreshed(fake, own_data):
    fake.days, fake.models = DAYS, MODELS
    run(own_data, fake, today=date(2025, 12, 11), window_days=200)
    return own_data


def _model(paths, slug: str) -> dict | None:
    with connect(paths.db_path) as db:
        rows = list(db.query("SELECT * FROM models WHERE slug = :s", {"s": slug}))
    return rows[0] if rows else None


def test_new_ranked_models_get_inferred_rows_and_hand_checked_ones_are_left_alone(refreshed):
    assert _model(refreshed, NEW_OPEN)["inferred"] == 1
    assert _model(refreshed, NEW_VARIANT)["size_class"] == "large"
    assert _model(refreshed, NEW_UNKNOWN)["origin"] is None
    checked = _model(refreshed, CHECKED)
    assert (checked["inferred"], checked["open_weights"]) == (0, 0)


def test_a_model_later_delisted_keeps_what_the_models_api_said(refreshed, fake):
    before = content(refreshed)
    fake.models = []
    run(refreshed, fake, today=date(2025, 12, 11), window_days=200)
    assert content(refreshed) == before
    assert _model(refreshed, NEW_OPEN)["open_weights"] == 1


def test_inferred_rows_survive_a_rebuild_and_a_hand_checked_row_replaces_one(refreshed):
    ensure_built(refreshed)
    sources = refreshed.data_dir / "rankings-sources.csv"
    sources.write_text(sources.read_text().replace("21 days", "21 whole days"))  # any change to data/ rebuilds
    before = content(refreshed)
    ensure_built(refreshed)
    after = content(refreshed)
    assert after["rankings"] == before["rankings"] and after["models"] == before["models"]
    catalogue = refreshed.catalogue_csv
    row = f"{NEW_OPEN},{NEW_OPEN},Nova 72B,NewLab,Europe,1,,72,large,1,text,0,,hand-checked model card\n"
    catalogue.write_text(catalogue.read_text() + row)
    ensure_built(refreshed)
    checked = _model(refreshed, NEW_OPEN)
    assert (checked["origin"], checked["inferred"]) == ("Europe", 0)
    catalogue.write_text(catalogue.read_text().replace(row, ""))
    ensure_built(refreshed)
    assert _model(refreshed, NEW_OPEN)["inferred"] == 1  # the inferred row was kept for when it is needed again


def test_unclassified_lists_what_is_missing_by_share_of_recent_tokens(refreshed):
    with connect(refreshed.db_path) as db:
        rows = {r["slug"]: r for r in unclassified(db, days=28)}
    assert rows[NEW_UNKNOWN]["missing"] == ["origin", "open weights", "reasoning"]
    assert rows[NEW_OPEN]["missing"] == ["origin"]
    assert NEW_VARIANT not in rows and CHECKED not in rows
    # Independently: the slug's tokens over every token (the long tail included) after 2025-11-12.
    sample = pd.read_csv(SAMPLE)
    sample = sample[sample["date"] > "2025-11-12"]
    live = pd.DataFrame([(d, s, t) for d, day in DAYS.items() for s, t in day.items()], columns=sample.columns)
    both = pd.concat([sample, live])
    expected = both.loc[both["model_permaslug"] == NEW_UNKNOWN, "total_tokens"].sum() / both["total_tokens"].sum()
    assert rows[NEW_UNKNOWN]["share"] == pytest.approx(expected * 100, rel=1e-12)
    shares = [r["share"] for r in rows.values()]
    assert shares == sorted(shares, reverse=True)


def test_a_failed_model_list_keeps_the_rankings_and_leaves_new_models_unknown(fake, own_data):
    fake.days, fake.models, fake.models_status = DAYS, MODELS, 500
    result = run(own_data, fake, today=date(2025, 12, 11), window_days=200)
    assert result.rows_fetched == sum(len(day) for day in DAYS.values()) and result.changed
    assert _model(own_data, NEW_OPEN) is None  # no model list, no guess: Unknown in every dimension
    assert "model list could not be read" in result.summary() and NEW_OPEN in result.left_unknown
    shares = analytics.weekly_shares(current(own_data).frame, "open").shares
    assert shares.loc[pd.Timestamp("2025-12-08"), analytics.UNKNOWN] > 0
    fake.models_status = 200  # the next refresh reads the list and classifies them
    run(own_data, fake, today=date(2025, 12, 11), window_days=200)
    assert _model(own_data, NEW_OPEN)["open_weights"] == 1
