"""The store is built from data/ on first use, rebuilt when those files change, and migrated in one place."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from bot.config import PROJECT_DIR
from bot.store.build import ensure_built, import_file
from bot.store.schema import MIGRATIONS, connect
from bot.store.status import store_status
from tests.conftest import write_csv


def test_first_use_builds_everything(own_data):
    assert not own_data.db_path.exists()
    status = store_status(own_data)
    assert status["rankings"] == {
        "rows": 1071,
        "days": 21,
        "first_day": "2025-01-01",
        "last_day": "2025-11-28",
        "as_of": "2026-09",
        "slugs_not_in_catalogue": 0,
    }
    assert status["models"] == len(pd.read_csv(own_data.catalogue_csv))
    assert status["figures"]["rows"] == 272
    with connect(own_data.db_path) as db:
        versions = [row[0] for row in db.execute("SELECT version FROM migrations ORDER BY version")]
        assert versions == [v for v, _, _ in MIGRATIONS]
        assert db.journal_mode == "wal"


def test_processes_opening_a_new_store_at_once_all_get_the_same_built_store(own_data):
    # The server's answer workers all start on a fresh store together: each must wait for one build, not fail.
    script = (
        "import sys; from pathlib import Path; from bot.config import Paths; from bot.store.build import ensure_built;"
        "print(ensure_built(Paths(Path(sys.argv[1]), Path(sys.argv[2]))))"
    )
    command = [sys.executable, "-c", script, str(own_data.data_dir), str(own_data.db_path)]
    starting = [
        subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    results = [process.communicate(timeout=120) + (process.returncode,) for process in starting]
    assert [(code, err) for _, err, code in results] == [(0, "")] * 6
    assert len({out for out, _, _ in results}) == 1  # one version: built once, not once per process
    assert store_status(own_data)["rankings"]["rows"] == 1071


def test_unchanged_data_is_not_rebuilt(own_data):
    first = ensure_built(own_data)
    assert ensure_built(own_data) == first


def test_changed_data_rebuilds_and_keeps_imports(own_data, tmp_path):
    ensure_built(own_data)
    extra = write_csv(
        tmp_path / "extra.csv",
        ["date", "model_permaslug", "total_tokens"],
        [["2025-12-01", "openai/gpt-oss-120b", "5"]],
    )
    import_file(own_data, extra, as_of="2025-12-02")
    sample = own_data.rankings_dir / "openrouter-rankings-daily-sample.csv"
    lines = sample.read_text().splitlines()
    sample.write_text("\n".join(lines[:-1]) + "\n")  # drop the last row
    version = ensure_built(own_data)
    status = store_status(own_data)
    assert version >= 3
    assert status["rankings"]["rows"] == 1071 - 1 + 1  # one bundled row fewer, the imported row kept


def test_a_bigger_rankings_file_of_the_same_shape_loads_the_same_way(own_data):
    ensure_built(own_data)
    more = own_data.rankings_dir / "openrouter-rankings-daily.csv"
    write_csv(more, ["date", "model_permaslug", "total_tokens", "as_of"], [["2025-12-01", "other", "7", "2026-10-01"]])
    ensure_built(own_data)
    assert store_status(own_data)["rankings"]["last_day"] == "2025-12-01"


def test_database_file_is_not_tracked_by_git():
    ignored = subprocess.run(["git", "check-ignore", "data/ai-trends.db"], cwd=PROJECT_DIR, capture_output=True)
    assert ignored.returncode == 0
