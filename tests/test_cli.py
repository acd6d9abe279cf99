"""The command line a new user runs, and the docs that must stay in step with it."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from bot import cli as core_cli
from bot.ask import topics
from bot.config import PROJECT_DIR
from handlers import cli
from tests.conftest import write_csv

README = (PROJECT_DIR / "README.md").read_text()


@pytest.fixture
def env(monkeypatch, own_data):
    monkeypatch.setenv("AI_TRENDS_DATA", str(own_data.data_dir))
    monkeypatch.setenv("AI_TRENDS_DB", str(own_data.db_path))
    return own_data


def test_ask_prints_the_answer_and_writes_the_chart(env, tmp_path, capsys):
    assert cli.main(["ask", "open-source", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Open weights: ")
    assert "Source: OpenRouter (openrouter.ai/rankings), as of 2026-09." in out
    chart = tmp_path / "open-source.png"
    assert f"Chart: {chart}" in out
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_ask_json(env, tmp_path, capsys):
    assert cli.main(["ask", "top", "models", "last", "week", "--json", "--out", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["topic"] == "top-models"
    assert data["key_numbers"][0]["source"] == "OpenRouter rankings"
    assert data["chart_path"].endswith(".png")


def test_not_understood_exits_2_with_suggestions(env, capsys):
    assert cli.main(["ask", "opne sorce"]) == 2
    err = capsys.readouterr().err
    assert "Did you mean: open-source?" in err and "Try: ai-trends ask" in err


def test_bad_import_names_the_line_and_changes_nothing(env, tmp_path, capsys):
    cli.main(["db", "status", "--json"])
    before = json.loads(capsys.readouterr().out)
    bad = write_csv(
        tmp_path / "bad.csv",
        ["date", "model_permaslug", "total_tokens"],
        [["2025-12-01", "openai/gpt-5", "12"], ["2025-12-02", "openai/gpt-5", "-1"]],
    )
    assert cli.main(["import", str(bad), "--as-of", "2025-12-03"]) == 1
    assert "line 3: total_tokens -1 is negative. Nothing was imported." in capsys.readouterr().err
    cli.main(["db", "status", "--json"])
    assert json.loads(capsys.readouterr().out)["rankings"] == before["rankings"]


def test_good_import_then_again(env, tmp_path, capsys):
    good = write_csv(
        tmp_path / "good.csv", ["date", "model_permaslug", "total_tokens"], [["2025-12-01", "openai/gpt-5", "12"]]
    )
    assert cli.main(["import", str(good), "--as-of", "2025-12-03"]) == 0
    assert cli.main(["import", str(good), "--as-of", "2025-12-03"]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 rankings rows" in out and "already imported; nothing changed" in out


def test_topics_lists_every_topic_with_examples(capsys):
    cli.main(["topics"])
    out = capsys.readouterr().out
    for topic in topics.TOPICS:
        assert topic.name in out and topic.examples[0] in out


def test_every_command_has_help_from_its_docstring():
    parser = cli.build_parser()
    text = " ".join(parser.format_help().split())  # argparse wraps lines
    for name in ("ask", "topics", "import", "db"):
        assert name in text
    assert core_cli.cmd_ask.__doc__.strip() in text


def test_readme_documents_every_topic_and_command():
    for topic in topics.TOPICS:
        assert f"`{topic.name}`" in README, topic.name
    subcommands = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name in subcommands.choices:
        assert f"ai-trends {name}" in README, name
    for command in ("ai-trends db status", "--json", "--once", "--now"):
        assert command in README


def _leaf_commands(parser, prefix: str = "ai-trends") -> list[str]:
    """Every runnable command line, from the parser itself: 'ai-trends db status', 'ai-trends refresh', ..."""
    actions = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    if not actions:
        return [prefix]
    return [leaf for name, sub in actions[0].choices.items() for leaf in _leaf_commands(sub, f"{prefix} {name}")]


def test_readme_documents_every_command_the_parser_has():
    commands = _leaf_commands(cli.build_parser())
    assert "ai-trends models unclassified" in commands and "ai-trends refresh" in commands
    for command in commands:
        assert f"`{command}" in README, command


def test_readme_and_env_example_document_the_openrouter_settings():
    example = (PROJECT_DIR / ".env.example").read_text()
    for name in ("OPENROUTER_API_KEY", "OPENROUTER_API_URL"):
        assert name in README and f"\n{name}=" in example
    assert "\nOPENROUTER_API_KEY=\n" in example  # never a real-looking key in the example
    for fact in ("30 requests a minute and 500 a day", "CC BY 4.0", "after the UTC day has completed"):
        assert fact in README, fact


def test_readme_test_command_is_what_ci_runs():
    ci = (PROJECT_DIR / ".ci" / "run").read_text()
    assert ".venv/bin/pytest" in README and ci.strip().endswith(".venv/bin/pytest")


def test_cli_runs_as_a_program(env):
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "report", "--out", str(env.data_dir / "out")],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "100 trillion" in result.stdout
