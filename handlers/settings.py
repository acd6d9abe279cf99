"""Slack settings, read once from the environment at the entry point; tokens never reach a log line."""

from __future__ import annotations

import os
from dataclasses import dataclass

from bot.config import MissingSetting, Paths, paths_from_env

SLACK_API_DEFAULT = "https://slack.com/api/"
NO_TOKEN = (
    "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) into .env "
    "(or set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to serve several workspaces)"
)


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str | None  # None when several workspaces are served: each has its own, from its installation
    signing_secret: str | None
    app_token: str | None
    api_url: str
    port: int
    paths: Paths
    digest_admins: frozenset[str] = frozenset()  # empty: any channel member may change its digest
    client_id: str | None = None  # with client_secret: workspaces install the app through OAuth
    client_secret: str | None = None

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    @property
    def many_workspaces(self) -> bool:
        return bool(self.client_id)

    def __repr__(self) -> str:  # tokens must never reach a log line
        return (
            f"SlackSettings(socket_mode={self.socket_mode}, many_workspaces={self.many_workspaces}, "
            f"api_url={self.api_url!r}, port={self.port})"
        )


def _oauth(env) -> tuple[str | None, str | None]:
    client_id, client_secret = env.get("SLACK_CLIENT_ID"), env.get("SLACK_CLIENT_SECRET")
    if bool(client_id) != bool(client_secret):
        missing = "SLACK_CLIENT_SECRET" if client_id else "SLACK_CLIENT_ID"
        raise MissingSetting(f"{missing} is not set: several workspaces need both SLACK_CLIENT_ID and the secret")
    return client_id or None, client_secret or None


def slack_settings_from_env(env: dict[str, str] | None = None) -> SlackSettings:
    """Read the Slack settings once; fail fast naming what is missing (Socket Mode needs no signing secret;
    several workspaces need no bot token but HTTP mode, where Slack sends installs back)."""
    env = os.environ if env is None else env
    bot_token, app_token = env.get("SLACK_BOT_TOKEN"), env.get("SLACK_APP_TOKEN")
    signing_secret = env.get("SLACK_SIGNING_SECRET")
    client_id, client_secret = _oauth(env)
    if client_id and (app_token or not signing_secret):
        raise MissingSetting(
            "Serving several workspaces (SLACK_CLIENT_ID) needs HTTP mode for installs: set SLACK_SIGNING_SECRET "
            "and leave SLACK_APP_TOKEN empty"
        )
    if not bot_token and not client_id:
        raise MissingSetting(NO_TOKEN)
    if not app_token and not signing_secret:
        raise MissingSetting(
            "Set SLACK_APP_TOKEN (xapp-..., Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode); neither is set"
        )
    return SlackSettings(
        bot_token=bot_token or None,
        signing_secret=signing_secret,
        app_token=app_token,
        api_url=_api_url(env),
        port=int(env.get("PORT") or 3000),
        paths=paths_from_env(env),
        digest_admins=_user_ids(env.get("AI_TRENDS_DIGEST_ADMINS")),
        client_id=client_id,
        client_secret=client_secret,
    )


def _user_ids(text: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (text or "").split(",") if part.strip())


def _api_url(env) -> str:
    api_url = env.get("SLACK_API_URL") or SLACK_API_DEFAULT
    return api_url if api_url.endswith("/") else api_url + "/"


@dataclass(frozen=True)
class WorkerSettings:
    """The digest worker posts and never receives requests: a bot token, or the installations' own tokens."""

    bot_token: str | None
    api_url: str
    paths: Paths
    interval: float  # seconds between rounds
    concurrency: int  # channels delivered at once
    channel_spacing: float  # seconds between two messages in one channel
    workspace_rate: float | None = None  # messages a second per workspace; None: Slack's 429s set the pace
    client_id: str | None = None  # several workspaces: tokens come from the installations of this app

    def __repr__(self) -> str:  # the token must never reach a log line
        return f"WorkerSettings(api_url={self.api_url!r}, interval={self.interval}, concurrency={self.concurrency})"


def worker_interval(env: dict[str, str]) -> float:
    """Seconds between two rounds of scheduled jobs (AI_TRENDS_WORKER_INTERVAL, default 60)."""
    return float(env.get("AI_TRENDS_WORKER_INTERVAL") or 60)


def worker_settings_from_env(env: dict[str, str] | None = None) -> WorkerSettings:
    env = os.environ if env is None else env
    if not env.get("SLACK_BOT_TOKEN") and not env.get("SLACK_CLIENT_ID"):
        raise MissingSetting(NO_TOKEN)
    return WorkerSettings(
        bot_token=env.get("SLACK_BOT_TOKEN") or None,
        api_url=_api_url(env),
        paths=paths_from_env(env),
        interval=worker_interval(env),
        concurrency=int(env.get("AI_TRENDS_DIGEST_CONCURRENCY") or 8),
        channel_spacing=float(env.get("AI_TRENDS_CHANNEL_SPACING") or 1.0),
        workspace_rate=float(env["AI_TRENDS_WORKSPACE_RATE"]) if env.get("AI_TRENDS_WORKSPACE_RATE") else None,
        client_id=env.get("SLACK_CLIENT_ID") or None,
    )
