"""Where the bundled data and the runtime database live, read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    db_path: Path

    @property
    def rankings_dir(self) -> Path:
        return self.data_dir / "rankings"

    @property
    def catalogue_csv(self) -> Path:
        return self.data_dir / "model-catalogue.csv"

    @property
    def labels_csv(self) -> Path:
        return self.data_dir / "open-weight-labels.csv"

    @property
    def figures_csv(self) -> Path:
        return self.data_dir / "state-of-ai-figures.csv"


def paths_from_env(env: dict[str, str] | None = None) -> Paths:
    """Read AI_TRENDS_DATA and AI_TRENDS_DB, defaulting to the repository's data/ folder."""
    env = os.environ if env is None else env
    data_dir = Path(env.get("AI_TRENDS_DATA") or PROJECT_DIR / "data")
    db_path = Path(env.get("AI_TRENDS_DB") or data_dir / "ai-trends.db")
    return Paths(data_dir=data_dir, db_path=db_path)
