"""'Unknown' is its own answer: a model without evidence is never counted as Closed, Other origin or
Non-reasoning, and the bundled catalogue leaves almost nothing unknown over the full series."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from bot import analytics
from bot.analytics.snapshot import current
from bot.store.build import ensure_built, import_file
from bot.store.catalogue import unclassified
from bot.store.schema import connect
from tests.conftest import DATA_DIR, FULL_SERIES, write_csv

DAY, WEEK = "2025-11-26", pd.Timestamp("2025-11-24")
DIMENSIONS = ("open", "origin", "reasoning", "vendor")
NAMED = {"open": "Closed", "origin": "Other origin", "reasoning": "Non-reasoning", "vendor": "Anthropic"}


def _week_shares(paths, dimension: str) -> pd.Series:
    return analytics.weekly_shares(current(paths).frame, dimension).shares.loc[WEEK]


def _blank_catalogue_row(paths, slug: str) -> None:
    """A catalogue row that says nothing but the name: every dimension's field is blank."""
    with paths.catalogue_csv.open("a", newline="") as handle:
        csv.writer(handle).writerow([slug, slug, "Mystery", "", "", "", "", "", "", "", "text", "0", "", "none"])


@pytest.mark.parametrize("catalogued", [False, True], ids=["no catalogue row", "blank catalogue row"])
@pytest.mark.parametrize("tokens", [1, 10**9, 10**12, 10**14])
def test_a_model_without_evidence_never_raises_a_named_share(own_data, tmp_path, catalogued, tokens):
    slug = "mystery-lab/mystery-model"
    if catalogued:
        _blank_catalogue_row(own_data, slug)
    ensure_built(own_data)
    before = {d: _week_shares(own_data, d) for d in DIMENSIONS}
    import_file(
        own_data,
        write_csv(tmp_path / "m.csv", ["date", "model_permaslug", "total_tokens"], [[DAY, slug, tokens]]),
        as_of="2026-09-30",
    )
    for dimension in DIMENSIONS:
        after = _week_shares(own_data, dimension)
        assert after[NAMED[dimension]] <= before[dimension][NAMED[dimension]] + 1e-9, dimension
        for group in before[dimension].index.difference([analytics.UNKNOWN]):
            assert after[group] <= before[dimension][group] + 1e-9, (dimension, group)
        assert after[analytics.UNKNOWN] > before[dimension].get(analytics.UNKNOWN, 0.0), dimension


@pytest.fixture(scope="module")
def full_frame(full_paths) -> pd.DataFrame:
    return current(full_paths).frame


def _raw_weekly_max_share() -> pd.Series:
    """Each slug's largest share of any ISO week's tokens, from the raw CSV with plain pandas."""
    raw = pd.read_csv(FULL_SERIES, parse_dates=["date"])
    raw["week"] = raw["date"].dt.strftime("%G-W%V")
    share = raw.groupby(["week", "model_permaslug"])["total_tokens"].sum() / raw.groupby("week")["total_tokens"].sum()
    return share.groupby("model_permaslug").max().drop("other") * 100


def test_every_slug_above_a_twentieth_of_a_percent_is_classified_with_evidence():
    catalogue = pd.read_csv(DATA_DIR / "model-catalogue.csv", keep_default_na=False).set_index("slug")
    big = _raw_weekly_max_share()
    big = catalogue.loc[big[big >= 0.05].index]
    big = big[big["kind"] == "text"]
    assert (big["evidence"].str.len() > 10).all() and (big["vendor"] != "").all()
    revealed = big[(big["stealth"].astype(str) == "0") | (big["revealed_as"] != "")]
    gaps = revealed[(revealed["origin"] == "") | (revealed["open_weights"] == "") | (revealed["reasoning"] == "")]
    # An honest gap is allowed only where the evidence note says what was searched and not found.
    assert gaps["evidence"].str.contains("unknown", case=False).all(), list(gaps.index)
    assert len(gaps) <= 2
    opened = revealed[revealed["open_weights"].astype(str) == "1"]
    assert (opened["size_class"] != "").all(), list(opened[opened["size_class"] == ""].index)


@pytest.mark.parametrize("dimension", ["open", "origin", "reasoning", "vendor", "size"])
def test_unknown_stays_under_one_percent_of_every_week(full_frame, dimension):
    shares = analytics.weekly_shares(full_frame, dimension).shares
    unknown = shares.get(analytics.UNKNOWN, pd.Series(0.0, index=shares.index))
    late = unknown.index >= pd.Timestamp("2026-08-31")  # two Ling 3.0 Flash variants without public weights
    assert unknown[~late].max() < 1.0, unknown[~late].idxmax()
    assert unknown[late].max() < 1.05


def test_unclassified_lists_only_documented_gaps_above_a_twentieth_of_a_percent(full_paths):
    with connect(full_paths.db_path) as db:
        rows = [r for r in unclassified(db, 28) if r["share"] >= 0.05]
    gaps = [r for r in rows if r["missing"] != ["a stealth model nobody has revealed yet"]]
    assert all("unknown" in r["evidence"].lower() for r in gaps), gaps
    assert len(gaps) <= 2
