"""The independent reference for watch tests: weekly shares, week-over-week changes and model ranks computed by
plain pandas from the raw rankings CSV and the model catalogue, without any of the bot's code."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import pandas as pd

from tests.conftest import DATA_DIR, FULL_SERIES


@cache
def raw() -> pd.DataFrame:
    """The raw rankings joined with the catalogue, by plain pandas, text models and the long tail only."""
    rankings = pd.read_csv(FULL_SERIES, parse_dates=["date"])
    catalogue = pd.read_csv(DATA_DIR / "model-catalogue.csv")
    df = rankings.merge(catalogue, how="left", left_on="model_permaslug", right_on="slug")
    df["other"] = df["model_permaslug"] == "other"
    df = df[df["other"] | df["kind"].isna() | (df["kind"] == "text")].copy()
    df["monday"] = (df["date"] - pd.to_timedelta(df["date"].dt.day_of_week, unit="D")).dt.date
    df["named"] = df["slug"].notna() & ~df["other"] & ~((df["stealth"] == 1) & df["revealed_as"].isna())
    return df


@cache
def complete_weeks() -> list[date]:
    days = raw().groupby("monday")["date"].nunique()
    return sorted(days[days == 7].index)


def share(mask: pd.Series) -> pd.Series:
    """Percent of each complete week's tokens (all text models and the long tail) in the rows of `mask`."""
    df = raw()
    part = df[mask].groupby("monday")["total_tokens"].sum()
    total = df.groupby("monday")["total_tokens"].sum()
    return (part.reindex(total.index, fill_value=0) / total * 100).reindex(complete_weeks())


def open_weights() -> pd.Series:
    df = raw()
    opened_later = df["open_from"].notna() & (df["date"] < pd.to_datetime(df["open_from"]))
    return share(df["named"] & (df["open_weights"] == 1) & ~opened_later)


def ranks() -> pd.DataFrame:
    """Each model's rank by tokens in each complete week (variants merged by name; the long tail is no model)."""
    df = raw()
    models = df[~df["other"]].assign(model=lambda d: d["name"].fillna(d["model_permaslug"]))
    tokens = models.pivot_table(index="monday", columns="model", values="total_tokens", aggfunc="sum")
    return tokens.where(tokens > 0).rank(axis=1, ascending=False, method="min").reindex(complete_weeks())


def weekly_change(values: pd.Series) -> pd.Series:
    """Change on the calendar week before, only where that week is complete too."""
    weeks = complete_weeks()
    out = {w: float("nan") for w in weeks}
    for before, week in zip(weeks, weeks[1:], strict=False):
        if week - before == timedelta(days=7):
            out[week] = values[week] - values[before]
    return pd.Series(out)
