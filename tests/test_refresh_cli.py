"""What an operator sees: `ai-trends refresh`, `models unclassified`, `db status`, stale-data notes, and no key."""

from __future__ import annotations

import dataclasses
import json
import logging
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.ask.answer import ask
from bot.errors import RefreshFailed
from bot.live import refresh
from bot.store.schema import connect
from handlers import cli
from tests.fake_openrouter import Scripted, synthetic_days
from tests.refresh_kit import KEY, TEXT_SLUGS, run

YESTERDAY = datetime.now(UTC).date() - timedelta(days=1)
WRONG_KEY = "sk-or-v1-wrong-but-secret-9f8e7d6c"


@pytest.fixture
def env(monkeypatch, own_data, fake):
    monkeypatch.setenv("AI_TRENDS_DATA", str(own_data.data_dir))
    monkeypatch.setenv("AI_TRENDS_DB", str(own_data.db_path))
    monkeypatch.setenv("OPENROUTER_API_KEY", KEY)
    monkeypatch.setenv("OPENROUTER_API_URL", fake.url + "/")
    # The CLI runs on real time: no pacing or backoff waits here (tests/test_refresh.py checks them).
    from_env = refresh.settings_from_env
    monkeypatch.setattr(
        refresh, "settings_from_env", lambda: dataclasses.replace(from_env(), min_interval=0.0, backoff=0.0)
    )
    fake.days = synthetic_days(YESTERDAY - timedelta(days=2), YESTERDAY, TEXT_SLUGS[:49] + ["mysterylab/zeta"])
    return own_data


def test_refresh_prints_what_changed_and_db_status_shows_it(env, fake, capsys):
    assert cli.main(["refresh"]) == 0
    out = capsys.readouterr().out
    assert f"Asked OpenRouter for 2025-01-01..{YESTERDAY}" in out
    assert "3 days, 153 rows, as of 2026-11-29T02:00:00Z" in out
    assert "1 new models classified by inference (mysterylab/zeta)" in out
    assert cli.main(["refresh"]) == 0
    assert "unchanged: nothing new" in capsys.readouterr().out
    cli.main(["db", "status"])
    status = capsys.readouterr().out
    assert "Live data: last refreshed 20" in status and f"..{YESTERDAY}, as of 2026-11-29T02:00:00Z)" in status
    assert "1 inferred, not hand-checked" in status and "FAILED" not in status


def test_models_unclassified_lists_the_biggest_first(env, fake, capsys):
    cli.main(["refresh"])
    capsys.readouterr()
    assert cli.main(["models", "unclassified", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["slug"] == "mysterylab/zeta" and rows[0]["missing"] == ["origin", "open weights", "reasoning"]
    assert cli.main(["models", "unclassified"]) == 0
    text = capsys.readouterr().out
    assert "mysterylab/zeta" in text and f"{rows[0]['share']:.2f}%" in text and "origin, open weights" in text


def test_a_failed_refresh_exits_1_says_why_and_answers_say_how_old_their_data_is(env, fake, capsys):
    cli.main(["refresh"])
    fake.script = [Scripted(500)] * 5
    assert cli.main(["refresh"]) == 1
    err = capsys.readouterr().err
    assert f"rankings-daily {YESTERDAY - timedelta(days=2)}..{YESTERDAY}: HTTP 500" in err
    answer = ask("open source", env)
    note = answer.changes[-1]
    assert note.startswith("Data may be out of date: the last refresh from OpenRouter failed")
    assert f"the newest day here is {YESTERDAY}, 1 day before that attempt" in note
    assert answer.citations[0].text == (
        "Source: OpenRouter (openrouter.ai/rankings), as of 2026-11-29T02:00:00Z. Licensed under CC BY 4.0."
    )
    cli.main(["db", "status"])
    assert "Last refresh FAILED at " in capsys.readouterr().out
    assert cli.main(["refresh"]) == 0  # a good refresh clears the note
    assert not any(c.startswith("Data may be out of date") for c in ask("open source", env).changes)


def test_a_missing_key_exits_2_naming_it(env, monkeypatch, capsys):
    monkeypatch.delenv("OPENROUTER_API_KEY")
    assert cli.main(["refresh"]) == 2
    assert "OPENROUTER_API_KEY is not set" in capsys.readouterr().err


def test_the_key_never_appears_in_output_errors_logs_or_the_store(env, fake, monkeypatch, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("OPENROUTER_API_KEY", WRONG_KEY)  # the fake echoes the bad Authorization header back
    assert cli.main(["refresh"]) == 1
    cli.main(["db", "status", "--json"])
    captured = capsys.readouterr()
    assert "HTTP 401" in captured.err
    with connect(env.db_path) as db:
        stored = "\n".join(db.conn.iterdump())
    for text in (captured.out, captured.err, caplog.text, stored, repr(refresh.settings_from_env())):
        assert WRONG_KEY not in text and "wrong-but-secret" not in text
    assert fake.requests[0]["auth"] == f"Bearer {WRONG_KEY}"  # it was sent, to the server only


def test_an_exhausted_daily_quota_fails_fast_instead_of_waiting(own_data, fake):
    fake.days = synthetic_days(date(2025, 1, 1), date(2025, 1, 3), TEXT_SLUGS)
    fake.script = [Scripted(429, {"Retry-After": "3600"})]
    with pytest.raises(RefreshFailed, match="HTTP 429: OpenRouter asks to wait 3600 s"):
        run(own_data, fake, today=date(2025, 1, 4))
