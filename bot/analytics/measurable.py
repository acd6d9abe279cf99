"""Which of the study's figures the rankings can measure, and how: the group of models, the statistic, and why the
two numbers may differ."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

TOP_50 = "the rankings name only each day's top 50 models; the rest ('other') cannot be classified"
STARTS_LATER = "the rankings start on 2025-01-01, the study on 2024-11-03"
NOT_COVERED = "the rankings start on 2025-01-01, after this period: the first weeks of 2025 are the closest"
ALL_TRAFFIC = "the study counts all traffic; the rankings count the top 50 plus 'other'"


Mask = Callable[[pd.DataFrame], pd.Series]


def _chinese_open(frame: pd.DataFrame) -> pd.Series:
    return frame["open"] & (frame["origin"] == "China")


def _rest_open(frame: pd.DataFrame) -> pd.Series:
    return frame["open"] & frame["origin"].notna() & (frame["origin"] != "China")


def _rest_closed(frame: pd.DataFrame) -> pd.Series:
    return frame["closed"] & frame["origin"].notna() & (frame["origin"] != "China")


def _reasoning(frame: pd.DataFrame) -> pd.Series:
    return frame["reasoning"] == 1


def _deepseek_open(frame: pd.DataFrame) -> pd.Series:
    return frame["open"] & (frame["vendor"] == "DeepSeek")


@dataclass(frozen=True)
class Spec:
    """How one figure is measured: over which days, and which statistic of which group."""

    figure_id: str
    short: str
    measure: str
    mask: Mask
    statistic: str  # "share", "weekly-mean", "weekly-max", "first-weeks", "per-day", "tokens"
    why: tuple[str, ...]


SPECS = (
    Spec(
        "oc-oss-late2025",
        "Open weights, late 2025",
        "open-weight share of tokens",
        lambda f: f["open"],
        "share",
        (TOP_50,),
    ),
    Spec(
        "oc-oss-avg-derived",
        "Open weights, average",
        "open-weight share, mean of weekly shares",
        lambda f: f["open"],
        "weekly-mean",
        (TOP_50, STARTS_LATER),
    ),
    Spec(
        "oc-cn-oss-avg",
        "Chinese open weights, average",
        "Chinese open-weight share, mean of weekly shares",
        _chinese_open,
        "weekly-mean",
        (TOP_50, STARTS_LATER),
    ),
    Spec(
        "oc-row-oss-avg",
        "Other open weights, average",
        "other open-weight share (not Chinese), mean of weekly shares",
        _rest_open,
        "weekly-mean",
        (TOP_50, STARTS_LATER),
    ),
    Spec(
        "oc-prop-row-avg",
        "Closed, not Chinese, average",
        "closed models not from China, mean of weekly shares",
        _rest_closed,
        "weekly-mean",
        (TOP_50, STARTS_LATER),
    ),
    Spec(
        "oc-cn-oss-low",
        "Chinese open weights, low",
        "Chinese open-weight share, lowest week of January 2025",
        _chinese_open,
        "first-weeks",
        (NOT_COVERED, TOP_50),
    ),
    Spec(
        "oc-cn-oss-peak",
        "Chinese open weights, peak",
        "Chinese open-weight share, highest week",
        _chinese_open,
        "weekly-max",
        (TOP_50,),
    ),
    Spec(
        "rs-share-late",
        "Reasoning models, late 2025",
        "reasoning models' share of tokens",
        _reasoning,
        "share",
        (TOP_50,),
    ),
    Spec(
        "ps-daily",
        "Tokens a day, late Nov 2025",
        "tokens a day, top 50 plus 'other'",
        lambda f: f["tokens"] >= 0,
        "per-day",
        (ALL_TRAFFIC,),
    ),
    Spec(
        "oss-author-deepseek",
        "DeepSeek open-weight tokens",
        "tokens of DeepSeek's open-weight models",
        _deepseek_open,
        "tokens",
        (TOP_50, STARTS_LATER),
    ),
    Spec(
        "size-small-trend",
        "Small open models, trend",
        "small (<15B) models' share of open-weight tokens, first month to last",
        lambda f: f["size_class"] == "small",
        "size-change",
        (TOP_50, STARTS_LATER),
    ),
    Spec(
        "size-medium-trend",
        "Medium open models, trend",
        "medium (15-70B) models' share of open-weight tokens, first month to last",
        lambda f: f["size_class"] == "medium",
        "size-change",
        (TOP_50, STARTS_LATER),
    ),
)
