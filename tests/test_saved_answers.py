"""Answers saved per data version: a question asked again, even by a new process, is read back whole without
pandas or matplotlib, and any change to the data makes the old answer unreachable."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bot.ask import saved
from bot.ask.answer import ask
from bot.config import PROJECT_DIR
from bot.store.build import import_file
from tests.conftest import write_csv

PROBE = (
    "import sys, json; from handlers.cli import main; code = main(sys.argv[1:]); "
    "print(json.dumps({'heavy': sorted({'pandas', 'matplotlib', 'sqlite_utils'} & set(sys.modules))}))"
)


def _cli(paths, *args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"AI_TRENDS_DATA": str(paths.data_dir), "AI_TRENDS_DB": str(paths.db_path)}
    command = [sys.executable, "-c", PROBE, *args]
    return subprocess.run(command, env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120, check=True)


def test_a_repeated_question_is_read_back_without_pandas_or_matplotlib(own_data, tmp_path):
    first = _cli(own_data, "ask", "open-source", "--out", str(tmp_path / "a"))
    again = _cli(own_data, "ask", "Open-Source?", "--out", str(tmp_path / "b"))
    assert json.loads(first.stdout.splitlines()[-1])["heavy"]  # the first asker paid for the imports
    assert json.loads(again.stdout.splitlines()[-1])["heavy"] == []
    assert again.stdout.splitlines()[:-2] == first.stdout.splitlines()[:-2]  # same answer, its chart path aside
    assert (tmp_path / "b" / "open-source.png").read_bytes() == (tmp_path / "a" / "open-source.png").read_bytes()


def test_saved_answers_round_trip_whole(built_paths):
    answer = ask("chinese models since 2025-05", built_paths)
    back = saved.lookup(built_paths, saved.text_key("Chinese models since 2025-05"))
    assert back == answer


def test_new_data_makes_a_saved_answer_unreachable(own_data, tmp_path):
    ask("open-source", own_data)
    key = saved.text_key("open-source")
    assert saved.lookup(own_data, key) is not None
    rows = write_csv(
        tmp_path / "r.csv", ["date", "model_permaslug", "total_tokens"], [["2025-12-01", "openai/gpt-5", 5]]
    )
    import_file(own_data, rows, as_of="2025-12-05")
    assert saved.lookup(own_data, key) is None
    sources = own_data.data_dir / "rankings-sources.csv"
    ask("open-source", own_data)
    sources.write_text(sources.read_text() + "\n")  # a bundled file changed: the store must be rebuilt first
    assert saved.lookup(own_data, key) is None
