"""Slack settings, read once from the environment at the entry point; tokens never reach a log line."""

from __future__ import annotations

import os
from dataclasses import dataclass

from bot.config import MissingSetting, Paths, paths_from_env

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
