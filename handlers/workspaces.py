"""Which bot token speaks for which workspace. One workspace: SLACK_BOT_TOKEN. Several: each workspace's own
token, saved when it installed the app through Slack's OAuth flow, in slack-sdk's SQLite installation store inside
ai-trends' own database. Answers get their token from Bolt per request; scheduled posts (digests, and anything
else sent on a schedule) ask `tokens_from(settings).bot_token(workspace)`."""

from __future__ import annotations

import logging
from typing import Protocol

from slack_bolt import App, BoltContext
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.installation_store.sqlite3 import SQLite3InstallationStore
from slack_sdk.oauth.state_store.sqlite3 import SQLite3OAuthStateStore

from bot.config import Paths
from bot.digest import commands
from bot.errors import DeliveryFailed
from bot.store.schema import prepare

log = logging.getLogger("ai-trends")

# The bot scopes ai-trends asks for when a workspace installs it (manifest.json declares the same list).
SCOPES = (
    "app_mentions:read",
    "channels:history",
    "groups:history",
    "chat:write",
    "commands",
    "files:write",
    "channels:read",
    "groups:read",
    "users:read",
)
NOT_INSTALLED = (
    "ai-trends is not installed in this workspace (or was removed from it). A workspace admin can install it "
    "again from the app's install page, /slack/install on its server."
)
STATE_SECONDS = 600  # an install link is good for ten minutes
UNINSTALLED = "ai-trends was removed from this workspace, or its token was revoked; reinstall it first."


class WorkspaceTokens(Protocol):
    def bot_token(self, workspace: str | None) -> str: ...


class SingleToken:
    """One workspace: the same bot token for everything."""

    def __init__(self, token: str) -> None:
        self._token = token

    def bot_token(self, workspace: str | None) -> str:
        return self._token


class InstalledTokens:
    """Several workspaces: each one's token from its installation. A subscription made before workspaces were
    recorded (`None`) can only use SLACK_BOT_TOKEN, if it is still set."""

    def __init__(self, store: SQLite3InstallationStore, fallback: str | None = None) -> None:
        self.store, self.fallback = store, fallback

    def bot_token(self, workspace: str | None) -> str:
        bot = self.store.find_bot(enterprise_id=None, team_id=workspace) if workspace else None
        if bot is not None and bot.bot_token:
            return bot.bot_token
        if workspace is None and self.fallback:
            return self.fallback
        raise DeliveryFailed("not_installed", "ai-trends is not installed in that workspace any more.", lasting=True)


def installation_store(paths: Paths, client_id: str) -> SQLite3InstallationStore:
    """slack-sdk's installation tables, kept in the same SQLite file as everything else ai-trends stores."""
    prepare(paths.db_path)
    return SQLite3InstallationStore(database=str(paths.db_path), client_id=client_id)


def tokens_from(settings) -> WorkspaceTokens:
    """The token lookup for SlackSettings or WorkerSettings: per installation when SLACK_CLIENT_ID is set."""
    if settings.client_id:
        return InstalledTokens(installation_store(settings.paths, settings.client_id), settings.bot_token)
    return SingleToken(settings.bot_token)


def oauth_options(settings, store: SQLite3InstallationStore) -> dict:
    """What Bolt's App needs for installs at /slack/install and /slack/oauth_redirect, and per-workspace tokens
    (looked up once per token, not checked with auth.test on every request)."""
    oauth = OAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=list(SCOPES),
        installation_store=store,
        installation_store_bot_only=True,
        state_store=SQLite3OAuthStateStore(database=str(settings.paths.db_path), expiration_seconds=STATE_SECONDS),
        state_expiration_seconds=STATE_SECONDS,
    )
    authorize = InstallationStoreAuthorize(
        logger=log, installation_store=store, client_id=settings.client_id, bot_only=True, cache_enabled=True
    )
    return {
        "oauth_settings": oauth,
        "installation_store": store,
        "authorize": authorize,
        "user_facing_authorize_error_message": NOT_INSTALLED,
    }


def register_uninstalls(app: App, paths: Paths, store: SQLite3InstallationStore | None) -> None:
    """When a workspace removes the app or revokes its bot token: forget its installation, pause its digests."""

    def forget(context: BoltContext, why: str) -> None:
        team = context.team_id or ""
        if store is not None:
            store.delete_all(enterprise_id=context.enterprise_id, team_id=team)
        # One workspace served: subscriptions from before workspaces were recorded are that workspace's.
        paused = commands.pause_workspace(paths, team, UNINSTALLED, with_unassigned=store is None)
        log.info("workspace %s: %s; installation removed, %d digest(s) paused", team, why, paused)

    def on_uninstalled(ack, context: BoltContext) -> None:
        ack()
        forget(context, "app uninstalled")

    def on_tokens_revoked(ack, event: dict, context: BoltContext) -> None:
        ack()
        if (event.get("tokens") or {}).get("bot"):  # user tokens alone change nothing for ai-trends
            forget(context, "bot token revoked")

    app.event("app_uninstalled")(on_uninstalled)
    app.event("tokens_revoked")(on_tokens_revoked)
