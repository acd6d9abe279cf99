"""The study's figures by full-text search (FTS5, bm25): the index follows the data, user text is never query
syntax, only figures the study states lead an answer, and a question naming a finding leads with it."""

from __future__ import annotations

import pytest

from bot.ask.answer import ask, understand_and_answer
from bot.store.build import ensure_built, import_file
from bot.store.schema import connect
from bot.store.search import has_fts, search_figures
from tests.conftest import write_csv

FIGURE_HEADER = ["id", "topic", "metric", "segment", "period", "value", "unit", "confidence", "sources"]


def test_the_index_is_fts5_and_ranks_by_bm25(built_paths):
    with connect(built_paths.db_path) as db:
        assert has_fts(db)
        hits = search_figures(db, ["asia", "share", "spend"])
    assert {fid for fid, _ in hits[:2]} == {"geo-asia-spend-early", "geo-asia-spend-late"}
    assert [score for _, score in hits] == sorted((score for _, score in hits), reverse=True)


@pytest.mark.parametrize("text", ['asia" OR "x', "NEAR(asia spend)", "asia*", "spend AND -asia", "'); DROP TABLE x"])
def test_user_text_is_never_query_syntax(built_paths, text):
    with connect(built_paths.db_path) as db:
        search_figures(db, text.split())  # quoted word by word: no syntax error, no injection


def test_only_figures_the_study_states_are_found(built_paths):
    with connect(built_paths.db_path) as db:
        statable = {r[0] for r in db.execute("SELECT id FROM figures WHERE statable = 1")}
        hits = search_figures(db, ["news", "claim", "roleplay", "chart", "reading", "programming", "share"], 50)
    assert hits and {fid for fid, _ in hits} <= statable


def _import_figure(paths, folder, row: list[str]) -> None:
    """Build the store, then import one study figure as `ai-trends import` would."""
    ensure_built(paths)
    import_file(paths, write_csv(folder / f"{row[0]}.csv", FIGURE_HEADER, [row]))


def test_the_index_follows_an_import(own_data, tmp_path):
    row = ["zz-walrus", "categories", "walrus husbandry share of tokens", "walruses", "2025", "3", "%", "R-EN", "x"]
    _import_figure(own_data, tmp_path, row)
    with connect(own_data.db_path) as db:
        assert search_figures(db, ["walrus", "husbandry"])[0][0] == "zz-walrus"


def test_the_index_follows_every_change_to_the_figures(own_data):
    ensure_built(own_data)
    with connect(own_data.db_path) as db:
        db.execute("UPDATE figures SET metric = 'walrus census' WHERE id = 'geo-asia-spend-late'")
        assert search_figures(db, ["walrus"]) and search_figures(db, ["walrus"])[0][0] == "geo-asia-spend-late"
        db.execute("DELETE FROM figures WHERE id = 'geo-asia-spend-late'")
        assert search_figures(db, ["walrus"]) == []
        count = db.execute("SELECT COUNT(*) FROM figures_fts").fetchone()[0]
        assert count == db.execute("SELECT COUNT(*) FROM figures").fetchone()[0]


def test_a_rebuild_leaves_one_index_row_per_figure(own_data):
    ensure_built(own_data)
    (own_data.data_dir / "state-of-ai-figures.csv").write_text(
        (own_data.data_dir / "state-of-ai-figures.csv").read_text() + "\n"
    )
    ensure_built(own_data)  # the bundled file changed: everything from data/ is loaded again
    with connect(own_data.db_path) as db:
        ids = [r[0] for r in db.execute("SELECT id FROM figures_fts")]
    assert len(ids) == len(set(ids)) == len(db_ids(own_data))


def db_ids(paths) -> list[str]:
    with connect(paths.db_path) as db:
        return [r[0] for r in db.execute("SELECT id FROM figures")]


def test_without_fts5_a_plain_scan_still_finds(tmp_path, monkeypatch):
    import sqlite3

    import sqlite_utils

    from bot.store import schema

    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "plain.db"))
    real = db.execute

    def no_fts5(sql, *args):
        if "USING fts5" in sql:
            raise sqlite3.OperationalError("no such module: fts5")
        return real(sql, *args)

    monkeypatch.setattr(db, "execute", no_fts5)
    schema.migrate(db)
    monkeypatch.undo()
    db.execute(
        "INSERT INTO figures (id, topic, metric, segment, statable) VALUES ('a', 'geography', 'spend share', 'Asia', 1)"
    )
    assert not has_fts(db)
    assert search_figures(db, ["asia", "spend"]) == [("a", 2.0)]


@pytest.mark.parametrize(
    ("text", "topic", "first", "value"),
    [
        ("how many tokens did deepseek serve as an open model maker", "vendors", "DeepSeek", "14.37 trillion tokens"),
        ("asia share of spend", "regions", "Asia share of total spend", "~13% of spend"),
        ("top countries", "regions", "United States", "47.17% of total tokens"),
        ("is anthropic still the coding leader", "programming", "Anthropic", ">60% of programming requests/tokens"),
        ("chinese open source share", "chinese", "Chinese OSS", "13.0% of weekly token volume"),
        ("how big is role play among open models", "roleplay", "roleplay share of OSS tokens", "52% of OSS tokens"),
    ],
)
def test_a_named_finding_leads_its_topics_answer(built_paths, text, topic, first, value):
    question, answer = understand_and_answer(text, built_paths)
    assert answer.topic == topic
    assert first in answer.findings[0].label and answer.findings[0].value == value
    assert answer.findings[0].source.startswith("State of AI study")
    assert answer.text().startswith("From the State of AI study:\n• ")
    assert any(c.key == "study" for c in answer.citations)


def test_a_finding_of_another_topic_moves_the_answer_there(built_paths):
    question, answer = understand_and_answer("what does deepseek v3 0324 cost", built_paths)
    assert (question.topic, question.lead[0]) == ("pricing", "pr-ex-dsv3-price")
    assert question.alternative == ("model", "DeepSeek V3 0324")  # the rules' own reading stays one click away


@pytest.mark.parametrize("text", ["open-source", "roleplay", "chinese models", "top 5 models", "regions"])
def test_a_bare_topic_leads_with_nothing(built_paths, text):
    assert ask(text, built_paths).findings == []


@pytest.mark.parametrize(("confidence", "leads"), [("R-EN", True), ("SEC-CHART", False), ("R-EN; conflict", False)])
def test_only_a_figure_the_study_states_leads(own_data, tmp_path, confidence, leads):
    row = ["zz-claim", "geography", "walrus spend share", "Antarctica", "2025", "99", "%", confidence, "press"]
    _import_figure(own_data, tmp_path, row)
    answer = ask("antarctica walrus spend share", own_data)
    assert [k.ref for k in answer.findings] == (["zz-claim"] if leads else [])
    assert all(k.ref != "zz-claim" for k in answer.key_numbers + answer.study_figures)
