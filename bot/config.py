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


class MissingSetting(Exception):
    """A required environment variable is not set; the message names it."""


SLACK_API_DEFAULT = "https://slack.com/api/"


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str
    signing_secret: str | None
    app_token: str | None
    api_url: str
    port: int
    paths: Paths
    digest_admins: frozenset[str] = frozenset()  # empty: any channel member may change its digest

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    def __repr__(self) -> str:  # tokens must never reach a log line
        return f"SlackSettings(socket_mode={self.socket_mode}, api_url={self.api_url!r}, port={self.port})"


def slack_settings_from_env(env: dict[str, str] | None = None) -> SlackSettings:
    """Read the Slack settings once; fail fast naming what is missing (Socket Mode needs no signing secret)."""
    env = os.environ if env is None else env
    bot_token, app_token = env.get("SLACK_BOT_TOKEN"), env.get("SLACK_APP_TOKEN")
    signing_secret = env.get("SLACK_SIGNING_SECRET")
    if not bot_token:
        raise MissingSetting("SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) into .env")
    if not app_token and not signing_secret:
        raise MissingSetting(
            "Set SLACK_APP_TOKEN (xapp-..., Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode); neither is set"
        )
    return SlackSettings(
        bot_token=bot_token,
        signing_secret=signing_secret,
        app_token=app_token,
        api_url=_api_url(env),
        port=int(env.get("PORT") or 3000),
        paths=paths_from_env(env),
        digest_admins=_user_ids(env.get("AI_TRENDS_DIGEST_ADMINS")),
    )


def _user_ids(text: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (text or "").split(",") if part.strip())


def _api_url(env) -> str:
    api_url = env.get("SLACK_API_URL") or SLACK_API_DEFAULT
    return api_url if api_url.endswith("/") else api_url + "/"


@dataclass(frozen=True)
class WorkerSettings:
    """The digest worker needs only the bot token: it posts, it never receives requests."""

    bot_token: str
    api_url: str
    paths: Paths
    interval: float  # seconds between rounds
    concurrency: int  # channels delivered at once
    channel_spacing: float  # seconds between two messages in one channel
    workspace_rate: float | None = None  # messages a second across the workspace; None: Slack's 429s set the pace

    def __repr__(self) -> str:  # the token must never reach a log line
        return f"WorkerSettings(api_url={self.api_url!r}, interval={self.interval}, concurrency={self.concurrency})"


def worker_settings_from_env(env: dict[str, str] | None = None) -> WorkerSettings:
    env = os.environ if env is None else env
    if not env.get("SLACK_BOT_TOKEN"):
        raise MissingSetting("SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) into .env")
    return WorkerSettings(
        bot_token=env["SLACK_BOT_TOKEN"],
        api_url=_api_url(env),
        paths=paths_from_env(env),
        interval=float(env.get("AI_TRENDS_WORKER_INTERVAL") or 60),
        concurrency=int(env.get("AI_TRENDS_DIGEST_CONCURRENCY") or 8),
        channel_spacing=float(env.get("AI_TRENDS_CHANNEL_SPACING") or 1.0),
        workspace_rate=float(env["AI_TRENDS_WORKSPACE_RATE"]) if env.get("AI_TRENDS_WORKSPACE_RATE") else None,
    )


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
