"""Imports are validated whole: a bad file is rejected with its line and reason, and the store is unchanged."""

from __future__ import annotations

import pytest

from bot.ask.answer import ask
from bot.errors import ImportRejected
from bot.store.build import ensure_built, import_file
from bot.store.schema import connect
from tests.conftest import write_csv

HEADER = ["date", "model_permaslug", "total_tokens"]


def _dump(paths) -> list[str]:
    with connect(paths.db_path) as db:
        return list(db.conn.iterdump())


@pytest.mark.parametrize(
    ("rows", "line", "reason"),
    [
        ([["2025-12-01", "openai/gpt-5", "10"], ["2025-12-01", "openai/gpt-5", "11"]], 3, "duplicate of line 3"),
        ([["2025-12-01", "openai/gpt-5", "10"], ["2025-12-02", "openai/gpt-5", "-5"]], 3, "negative"),
        ([["2025-12-01", "openai/gpt-5", "ten"]], 2, "not a whole number"),
        ([["2025-12-01", "openai/gpt-5", "1.5e9"]], 2, "not a whole number"),
        ([["2025-02-30", "openai/gpt-5", "10"]], 2, "not a calendar date"),
        ([["01/12/2025", "openai/gpt-5", "10"]], 2, "not a calendar date"),
        ([["2024-12-31", "openai/gpt-5", "10"]], 2, "start on 2025-01-01"),
        ([["2025-12-01", "not a slug", "10"]], 2, "not of the form vendor/model"),
    ],
)
def test_bad_rankings_rows_are_rejected_whole(own_data, tmp_path, rows, line, reason):
    ensure_built(own_data)
    before = _dump(own_data)
    good = [["2025-12-03", "anthropic/claude-4.5-sonnet-20250929", "100"]]
    path = write_csv(tmp_path / "bad.csv", HEADER, good + rows)
    with pytest.raises(ImportRejected) as caught:
        import_file(own_data, path, as_of="2025-12-05")
    assert caught.value.line == line + 1  # the good first row shifts every line by one
    assert reason in caught.value.reason
    assert f"line {line + 1}" in str(caught.value) and "Nothing was imported" in str(caught.value)
    assert _dump(own_data) == before


def test_unknown_format_and_missing_as_of(own_data, tmp_path):
    ensure_built(own_data)
    before = _dump(own_data)
    odd = write_csv(tmp_path / "odd.csv", ["when", "model", "tokens"], [["2025-12-01", "a/b", "1"]])
    with pytest.raises(ImportRejected, match="unknown format"):
        import_file(own_data, odd)
    no_as_of = write_csv(tmp_path / "rows.csv", HEADER, [["2025-12-01", "openai/gpt-5", "1"]])
    with pytest.raises(ImportRejected, match="no as_of"):
        import_file(own_data, no_as_of)
    empty = write_csv(tmp_path / "empty.csv", HEADER, [])
    with pytest.raises(ImportRejected, match="no data rows"):
        import_file(own_data, empty, as_of="2025-12-05")
    assert _dump(own_data) == before


def test_good_import_loads_once_and_answers_use_it(own_data, tmp_path):
    ensure_built(own_data)
    rows = [
        ["2025-12-01", "other", "600"],
        ["2025-12-01", "openai/gpt-oss-120b", "300"],
        ["2025-12-01", "anthropic/claude-4.5-sonnet-20250929", "100"],
    ]
    path = write_csv(tmp_path / "december.csv", HEADER + ["as_of"], [r + ["2025-12-02"] for r in rows])
    first = import_file(own_data, path)
    assert (first.kind, first.rows, first.changed) == ("rankings", 3, True)
    after_first = _dump(own_data)
    second = import_file(own_data, path)
    assert second.changed is False
    assert _dump(own_data) == after_first
    answer = ask("open source since 2025-12-01", own_data)
    assert answer.key_numbers[0].value == "30.0%"  # 300 open of 1,000 tokens, the long tail included
    assert "as of 2025-12-02." in answer.citations[0].text  # the as_of of the rows used


def test_a_restated_day_replaces_the_older_figure_only(own_data, tmp_path):
    ensure_built(own_data)
    day = [["2025-12-01", "openai/gpt-oss-120b", "300"]]
    import_file(own_data, write_csv(tmp_path / "v1.csv", HEADER, day), as_of="2025-12-02")
    restated = [["2025-12-01", "openai/gpt-oss-120b", "350"]]
    import_file(own_data, write_csv(tmp_path / "v2.csv", HEADER, restated), as_of="2025-12-04")
    stale = [["2025-12-01", "openai/gpt-oss-120b", "1"]]
    import_file(own_data, write_csv(tmp_path / "v0.csv", HEADER, stale), as_of="2025-12-01")
    with connect(own_data.db_path) as db:
        tokens, as_of = db.execute(
            "SELECT total_tokens, as_of FROM rankings WHERE date = '2025-12-01' AND model_permaslug = :s",
            {"s": "openai/gpt-oss-120b"},
        ).fetchone()
    assert (tokens, as_of) == (350, "2025-12-04")


def test_bad_figures_file_is_rejected(own_data, tmp_path):
    ensure_built(own_data)
    before = _dump(own_data)
    header = ["id", "topic", "metric", "segment", "period", "value", "unit", "confidence", "sources"]
    row = ["x-share", "programming", "share", "all", "2025", "~10", "%", "R-EN", "test"]
    path = write_csv(tmp_path / "figures.csv", header, [row, row])
    with pytest.raises(ImportRejected, match="line 3: duplicate id x-share"):
        import_file(own_data, path)
    assert _dump(own_data) == before
    ok = write_csv(tmp_path / "figures-ok.csv", header, [row])
    assert import_file(own_data, ok).kind == "figures"
