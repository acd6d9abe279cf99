"""Refresh from a fake OpenRouter over real HTTP: the store is complete or unchanged, never half written."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from bot import analytics
from bot.errors import RefreshFailed
from bot.live import runs
from bot.live.client import Client
from bot.live.responses import RANKINGS_PATH, refresh_range
from bot.store.build import ensure_built
from bot.store.schema import connect
from tests.conftest import DATA_DIR
from tests.fake_openrouter import Scripted, synthetic_days
from tests.refresh_kit import (
    KEY,
    TEXT_SLUGS,
    TODAY,
    Clock,
    content,
    data_version,
    run,
    settings_for,
    stored_day,
)

JAN_FEB = synthetic_days(date(2025, 1, 1), date(2025, 2, 28), TEXT_SLUGS)


@pytest.fixture
def served(fake, own_data):
    fake.days = {day: dict(tokens) for day, tokens in JAN_FEB.items()}
    ensure_built(own_data)
    return fake


def test_first_run_backfills_from_2025_in_windows_and_stores_every_row(own_data, served):
    version = data_version(own_data)
    result = run(own_data, served)
    asked = [(r["query"]["start_date"], r["query"]["end_date"]) for r in served.rankings_requests()]
    assert asked == [("2025-01-01", "2025-01-20"), ("2025-01-21", "2025-02-09"), ("2025-02-10", "2025-02-28")]
    assert all(r["auth"] == f"Bearer {KEY}" for r in served.rankings_requests())
    for day, tokens in JAN_FEB.items():  # sent as strings, stored as whole numbers, 'other' included
        assert stored_day(own_data, day) == tokens, day
    assert (result.days, result.rows_fetched, result.as_of) == (59, 59 * 51, served.as_of)
    assert result.changed and data_version(own_data) == version + 1
    with connect(own_data.db_path) as db:
        sources = db.execute("SELECT DISTINCT source FROM rankings WHERE date <= '2025-02-28'").fetchall()
        meta_as_of = db.execute("SELECT value FROM meta WHERE key = 'as_of'").fetchone()[0]
    assert sources == [("api:rankings-daily",)]  # the bundled sample's January days were replaced whole
    assert meta_as_of == served.as_of


def test_weekly_shares_of_refreshed_rows_match_an_independent_computation(own_data, served):
    run(own_data, served)
    with connect(own_data.db_path) as db:
        frame = analytics.load_frame(db)
    shares = analytics.weekly_shares(frame, "open").shares
    catalogue = pd.read_csv(DATA_DIR / "model-catalogue.csv").set_index("slug")
    week = [f"2025-01-{d}" for d in range(13, 20)]
    open_tokens = total = 0
    for day in week:
        for slug, tokens in JAN_FEB[day].items():
            total += tokens
            if slug != "other" and catalogue.loc[slug, "open_weights"] == 1:
                open_from = catalogue.loc[slug, "open_from"]
                open_tokens += tokens if pd.isna(open_from) or day >= open_from else 0
    assert shares.loc[pd.Timestamp("2025-01-13"), "Open weights"] == pytest.approx(open_tokens / total * 100, abs=1e-9)


def test_running_again_is_a_no_op_that_re_asks_only_the_last_three_days(own_data, served):
    run(own_data, served)
    before, version = content(own_data), data_version(own_data)
    result = run(own_data, served)
    assert served.rankings_requests()[-1]["query"] == {"start_date": "2025-02-26", "end_date": "2025-02-28"}
    assert (result.rows_changed, result.changed, result.new_models) == (0, False, [])
    assert content(own_data) == before and data_version(own_data) == version


def test_restated_days_replace_the_old_figures_and_a_new_day_is_added(own_data, served):
    run(own_data, served)
    restated = dict(JAN_FEB["2025-02-27"])
    dropped, added, changed = TEXT_SLUGS[0], TEXT_SLUGS[60], TEXT_SLUGS[1]
    tokens = restated.pop(dropped)
    restated[added], restated[changed] = tokens, restated[changed] + 5
    served.set_day("2025-02-27", restated)
    served.set_day("2025-03-01", JAN_FEB["2025-02-28"])
    served.as_of = "2026-11-30T02:00:00Z"
    result = run(own_data, served, today=date(2025, 3, 2))
    assert stored_day(own_data, "2025-02-27") == restated  # the dropped model is gone, not counted twice
    assert stored_day(own_data, "2025-03-01") == JAN_FEB["2025-02-28"]
    assert result.rows_changed == 3 + 51
    with connect(own_data.db_path) as db:
        as_of = dict(
            db.execute(
                "SELECT date, MAX(as_of) FROM rankings WHERE date BETWEEN '2025-02-25' AND '2025-03-01' GROUP BY date"
            )
        )
    assert as_of == {
        "2025-02-25": "2026-11-29T02:00:00Z",
        "2025-02-26": "2026-11-29T02:00:00Z",  # asked again, unchanged: keeps the statement it came from
        "2025-02-27": "2026-11-30T02:00:00Z",
        "2025-02-28": "2026-11-29T02:00:00Z",
        "2025-03-01": "2026-11-30T02:00:00Z",
    }


def test_429_waits_as_long_as_retry_after_says(own_data, served):
    served.script = [Scripted(429, {"Retry-After": "7"})]
    clock = Clock()
    result = run(own_data, served, clock=clock)
    assert clock.sleeps[0] == 7.0
    assert result.rows_fetched == 59 * 51
    with connect(own_data.db_path) as db:
        assert runs.requests_on(db, TODAY.isoformat()) == 4  # the refused request counts too


def test_5xx_is_retried_with_exponential_backoff(own_data, served):
    served.script = [Scripted(500), Scripted(503)]
    clock = Clock()
    run(own_data, served, clock=clock)
    assert clock.sleeps[:2] == [2.0, 4.0]
    assert stored_day(own_data, "2025-01-02") == JAN_FEB["2025-01-02"]


def _fails_and_changes_nothing(paths, fake, message: str, **overrides) -> RefreshFailed:
    before, version = content(paths), data_version(paths)
    with pytest.raises(RefreshFailed) as caught:
        run(paths, fake, **overrides)
    assert message in str(caught.value)
    assert content(paths) == before and data_version(paths) == version
    with connect(paths.db_path) as db:
        failure = runs.last_run(db, ok=False)
    assert failure["error"] == str(caught.value)
    return caught.value


def test_a_server_that_keeps_failing_changes_nothing(own_data, served):
    served.script = [None] + [Scripted(500)] * 5  # the first window is fine, the second never is
    error = _fails_and_changes_nothing(own_data, served, "rankings-daily 2025-01-21..2025-02-09: HTTP 500")
    assert "after 5 attempts" in str(error)


CUT_OFF = Scripted(200, {"Content-Length": "5000"}, b'{"data": [{"date": "2025-01-21"')


def test_a_body_cut_off_mid_way_is_retried(own_data, served):
    served.script = [None, CUT_OFF]
    run(own_data, served)
    assert stored_day(own_data, "2025-01-21") == JAN_FEB["2025-01-21"]


def test_a_body_that_keeps_being_cut_off_changes_nothing(own_data, served):
    served.script = [None] + [CUT_OFF] * 5
    _fails_and_changes_nothing(own_data, served, "2025-01-21..2025-02-09: no complete response from http://127.0.0.1")


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Scripted(200, body=b'{"data": [{"date": "2025-01-21"'), "2025-01-21..2025-02-09: the response is not valid"),
        (Scripted(200, body=b'{"data": []}'), "2025-01-21..2025-02-09: the response has no meta.as_of"),
        (Scripted(shift_window=True), "the response covers 2025-01-22..2025-02-09, not the window asked for"),
        (Scripted(400, body=b'{"error": {"message": "invalid window"}}'), "HTTP 400: invalid window"),
    ],
)
def test_a_bad_or_partial_response_changes_nothing(own_data, served, reply, message):
    served.script = [None, reply]
    _fails_and_changes_nothing(own_data, served, message)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"total_tokens": "12.5"}, "data[0]: total_tokens '12.5' is not a non-negative whole number"),
        ({"total_tokens": -3}, "total_tokens -3 is not"),
        ({"date": "2025-03-05"}, "date '2025-03-05' is not a day in the window"),
        ({"model_permaslug": "Not A Slug"}, "model_permaslug 'Not A Slug' is not of the form"),
    ],
)
def test_one_bad_row_rejects_the_whole_refresh(own_data, served, row, message):
    body = {
        "data": [{"date": "2025-01-01", "model_permaslug": "openai/gpt-4o", "total_tokens": "5"} | row],
        "meta": {"as_of": "2026-11-29T02:00:00Z", "start_date": "2025-01-01", "end_date": "2025-01-20"},
    }
    served.script = [Scripted(200, body=json.dumps(body).encode())]
    _fails_and_changes_nothing(own_data, served, message)


def test_a_duplicate_row_is_rejected(own_data, served):
    row = {"date": "2025-01-01", "model_permaslug": "openai/gpt-4o", "total_tokens": 5}
    body = {"data": [row, row], "meta": {"as_of": "x", "start_date": "2025-01-01", "end_date": "2025-01-20"}}
    served.script = [Scripted(200, body=json.dumps(body).encode())]
    _fails_and_changes_nothing(own_data, served, "data[1]: openai/gpt-4o appears twice on 2025-01-01")


def test_an_empty_window_is_valid_and_changes_nothing(own_data, served):
    served.days = {}
    before, version = content(own_data), data_version(own_data)
    result = run(own_data, served)
    assert (result.rows_fetched, result.changed) == (0, False)
    assert content(own_data) == before and data_version(own_data) == version


def test_days_before_2025_are_refused_by_the_api_and_never_asked_for(served):
    client = Client(settings_for(served), sleep=Clock().sleep)
    with pytest.raises(RefreshFailed, match="HTTP 400: end_date must be on or after 2025-01-01"):
        client.get_json(RANKINGS_PATH, {"start_date": "2024-12-01", "end_date": "2024-12-31"}, "probe")
    assert refresh_range(None, date(2025, 1, 1)) is None  # no UTC day of 2025 has completed yet
    assert refresh_range(date(2025, 1, 2), date(2025, 1, 10)) == (date(2025, 1, 1), date(2025, 1, 9))


def test_requests_are_paced_under_30_a_minute(served):
    clock, stamps = Clock(), []
    client = Client(settings_for(served), spend=lambda: stamps.append(clock.t), sleep=clock.sleep, clock=clock.now)
    for _ in range(40):
        client.get_json(RANKINGS_PATH, {"start_date": "2025-01-01", "end_date": "2025-01-01"}, "probe")
    assert all(b - a >= 2.0 for a, b in zip(stamps, stamps[1:], strict=False))
    assert max(sum(1 for s in stamps if start <= s < start + 60) for start in stamps) <= 30


def test_the_daily_budget_is_shared_by_runs_and_checked_before_asking(own_data, served):
    with connect(own_data.db_path) as db:
        db.execute("INSERT INTO api_requests (day, requests) VALUES (:d, 498)", {"d": TODAY.isoformat()})
        db.conn.commit()
    _fails_and_changes_nothing(own_data, served, "3 requests needed but only 2 of today's 500")
    assert served.rankings_requests() == []


def test_a_missing_key_is_named_and_nothing_is_asked(own_data, served):
    with pytest.raises(RefreshFailed, match="OPENROUTER_API_KEY is not set"):
        run(own_data, served, api_key=None)
    assert served.requests == []
