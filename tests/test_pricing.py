"""The pricing answer from real list prices: the period's most used models, their prices and their shares,
checked against plain pandas over the raw CSV files."""

from __future__ import annotations

import pandas as pd
import pytest

from bot.ask.answer import ask
from tests.conftest import DATA_DIR, FULL_SERIES


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    raw = pd.read_csv(FULL_SERIES, parse_dates=["date"])
    raw = raw[raw["date"] >= raw["date"].max() - pd.Timedelta(days=27)]
    catalogue = pd.read_csv(DATA_DIR / "model-catalogue.csv")
    merged = raw.merge(catalogue, how="left", left_on="model_permaslug", right_on="slug")
    merged = merged[(merged["model_permaslug"] == "other") | (merged["kind"] == "text")]
    total = merged["total_tokens"].sum()
    ranked = merged[merged["model_permaslug"] != "other"]
    top = ranked.groupby("canonical")["total_tokens"].sum().nlargest(20) / total * 100
    prices = pd.read_csv(DATA_DIR / "openrouter-models-catalog.csv").set_index("canonical_slug")["price_prompt"]
    return pd.DataFrame({"share": top, "price": prices.reindex(top.index) * 1e6})


def test_prices_and_shares_of_the_most_used_models_match_pandas(full_paths, expected):
    answer = ask("pricing", full_paths)
    rows = answer.table[1:]
    assert [float(r[2]) for r in rows] == pytest.approx(list(expected["share"].round(2)), abs=0.006)
    paid = expected.dropna()
    weighted = (paid["price"] * paid["share"]).sum() / paid["share"].sum()
    assert answer.key_numbers[0].value == f"${weighted:.2f} per 1M prompt tokens"
    spearman = paid["price"].rank().corr(paid["share"].rank())
    assert answer.key_numbers[2].value.startswith(f"{spearman:+.2f}")
    assert answer.chart.kind == "scatter" and len(answer.chart.x) == len(paid)


def test_pricing_says_when_its_prices_were_listed_and_quotes_the_study(full_paths):
    answer = ask("pricing", full_paths)
    assert "as read on 2026-09-18" in answer.method and "earlier prices may have differed" in answer.method
    assert {k.ref for k in answer.study_figures} >= {"pr-elasticity"}
    assert {c.key for c in answer.citations} == {"openrouter", "study"}


def test_a_period_before_the_model_list_says_how_much_has_no_listed_price(full_paths):
    answer = ask("pricing in 2025", full_paths)
    unpriced = answer.key_numbers[3].value.split(" / ")[1]
    assert float(unpriced.removesuffix("% of tokens")) > 0 and answer.period.startswith("2025-01-01 to 2025-12-31")
