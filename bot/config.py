"""Settings read once from the environment: where the data and the store live, and how to reach OpenRouter.

The chat adapter's own settings (tokens, ports) live with the adapter, in handlers/settings.py."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

PROJECT_DIR = Path(__file__).resolve().parent.parent  # the source checkout (tests and benchmarks read it)
DATA_PACKAGE = "ai_trends_data"  # data/ in the repository, shipped inside the package (see pyproject.toml)
APP_NAME = "ai-trends"


class MissingSetting(Exception):
    """A required environment variable is not set; the message names it."""


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
    def model_list_csv(self) -> Path:
        return self.data_dir / "openrouter-models-catalog.csv"

    @property
    def figures_csv(self) -> Path:
        return self.data_dir / "state-of-ai-figures.csv"


def bundled_data_dir() -> Path:
    """The data shipped with the package: data/ in a source checkout, the installed copy otherwise."""
    folder = resources.files(DATA_PACKAGE)
    if not isinstance(folder, Path):  # a zipped install: the store is built from files, so say what to do
        raise MissingSetting(f"the bundled data is not a folder on disk ({folder}); set AI_TRENDS_DATA")
    return folder


def default_db_path() -> Path:
    """The store's default place: the platform's user data directory, never next to the installed package."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "ai-trends.db"


def paths_from_env(env: dict[str, str] | None = None) -> Paths:
    """Read AI_TRENDS_DATA (default: the bundled data) and AI_TRENDS_DB (default: the user data directory)."""
    env = os.environ if env is None else env
    data_dir = Path(env["AI_TRENDS_DATA"]) if env.get("AI_TRENDS_DATA") else bundled_data_dir()
    db_path = Path(env["AI_TRENDS_DB"]) if env.get("AI_TRENDS_DB") else default_db_path()
    return Paths(data_dir=data_dir, db_path=db_path)


def health_max_data_age(env: dict[str, str] | None = None) -> int | None:
    """AI_TRENDS_HEALTH_MAX_AGE_DAYS: health fails when the newest day of data is older (unset: never)."""
    env = os.environ if env is None else env
    return int(env["AI_TRENDS_HEALTH_MAX_AGE_DAYS"]) if env.get("AI_TRENDS_HEALTH_MAX_AGE_DAYS") else None


OPENROUTER_API_DEFAULT = "https://openrouter.ai"


@dataclass(frozen=True)
class OpenRouterSettings:
    """How `ai-trends refresh` talks to OpenRouter; the documented limits are 30 requests/minute, 500/day."""

    api_key: str | None
    api_url: str = OPENROUTER_API_DEFAULT
    min_interval: float = 2.0  # seconds between requests: 30 a minute
    daily_budget: int = 500  # Data API requests per UTC day, shared by every run that day
    max_attempts: int = 5  # per request, for 429, 5xx and connection failures
    backoff: float = 2.0  # first wait after a 5xx, doubled each attempt
    max_retry_after: float = 300.0  # a longer Retry-After means the day's quota is gone: fail, don't hang
    timeout: float = 60.0
    window_days: int = 90  # days per request; the API allows up to 366

    def __repr__(self) -> str:  # the key must never reach a log line
        return f"OpenRouterSettings(api_url={self.api_url!r}, key={'set' if self.api_key else 'missing'})"


def openrouter_settings_from_env(env: dict[str, str] | None = None) -> OpenRouterSettings:
    """Read OPENROUTER_API_KEY and OPENROUTER_API_URL (default https://openrouter.ai); the key may be missing."""
    env = os.environ if env is None else env
    url = (env.get("OPENROUTER_API_URL") or OPENROUTER_API_DEFAULT).rstrip("/")
    return OpenRouterSettings(api_key=env.get("OPENROUTER_API_KEY") or None, api_url=url)


@dataclass(frozen=True)
class LlmSettings:
    """The optional language model that reads questions the rules cannot place (OpenRouter chat completions):
    on only when AI_TRENDS_LLM_MODEL and OPENROUTER_API_KEY are both set."""

    model: str | None
    api_key: str | None
    api_url: str = OPENROUTER_API_DEFAULT
    budget: float = 3.0  # seconds for the whole call; then the rules' reading stands

    @property
    def enabled(self) -> bool:
        return bool(self.model and self.api_key)

    def __repr__(self) -> str:  # the key must never reach a log line
        return (
            f"LlmSettings(model={self.model!r}, api_url={self.api_url!r}, key={'set' if self.api_key else 'missing'})"
        )


def llm_settings_from_env(env: dict[str, str] | None = None) -> LlmSettings:
    """Read AI_TRENDS_LLM_MODEL (e.g. openai/gpt-4o-mini; empty: off) with the OpenRouter key and URL."""
    env = os.environ if env is None else env
    openrouter = openrouter_settings_from_env(env)
    return LlmSettings(env.get("AI_TRENDS_LLM_MODEL") or None, openrouter.api_key, openrouter.api_url)
