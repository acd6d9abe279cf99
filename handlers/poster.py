"""The worker's Slack side, for digests and watches: upload, render and post (paced) with a findable marker, look
for a maybe-sent message, tell an owner their digest or watch was paused."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.ask.reply import Chart
from bot.digest.delivery import Poster
from bot.errors import DeliveryFailed
from bot.watch.alerts import AlertMessage
from bot.watch.round import Paused
from handlers.blocks.digest import message_payload, paused_text
from handlers.blocks.watch import alert_payload
from handlers.blocks.watch import paused_text as watch_paused_text
from handlers.pacing import Pacer
from handlers.post import PLAIN_WORDS, post_message, post_showing_images, slack_error, upload_chart_png
from handlers.workspaces import WorkspaceTokens

log = logging.getLogger("ai-trends.digest")

# Failures that will not pass by waiting: the subscription is paused and its owner told.
LASTING = {
    "not_in_channel",
    "channel_not_found",
    "is_archived",
    "invalid_auth",
    "not_authed",
    "token_revoked",
    "account_inactive",
    "missing_scope",
}
SEARCH_LIMIT = 15  # conversations.history/replies return at most 15 messages a call to non-Marketplace apps


def _failure(method: str, error: Exception) -> DeliveryFailed:
    if isinstance(error, SlackApiError):
        code = slack_error(error)
        log.warning("Slack API %s failed: %s", method, code)  # the code only: the request carries the token
        return DeliveryFailed(code, PLAIN_WORDS.get(code, f"Slack refused the message ({code})."), code in LASTING)
    log.warning("Slack API %s failed: %s", method, type(error).__name__)
    return DeliveryFailed("connection_error", "Slack could not be reached.", lasting=False)


def payload(message) -> tuple[str, list[dict]]:
    """Any of the core's scheduled messages (a digest's Message, a watch's alert) as Slack text and blocks."""
    if isinstance(message, AlertMessage):
        return alert_payload(message)
    return message_payload(message)


class SlackPoster:
    """Implements bot.digest.delivery.Poster with the Web API; `pacer` keeps posts within Slack's rate limits."""

    def __init__(self, client: WebClient, pacer: Pacer | None = None) -> None:
        self.client = client
        self.pacer = pacer or Pacer()

    def upload(self, chart: Chart) -> str | None:
        """Upload a chart once, privately; every channel's message then shows it by file id."""
        try:
            return upload_chart_png(self.client, chart, "ai-trends-digest.png")
        except (SlackApiError, URLError, TimeoutError) as error:
            raise _failure("files.upload", error) from error

    def post(self, channel: str, message, thread_ts: str | None, marker: dict) -> str:
        """Post with the charts; if Slack will not show them, post the same message without them."""
        text, blocks = payload(message)
        self.pacer.wait(channel)
        try:
            return self._post(channel, text, blocks, thread_ts, marker)
        finally:
            self.pacer.sent(channel)

    def _post(self, channel: str, text: str, blocks: list[dict], thread_ts: str | None, marker: dict) -> str:
        try:
            ts = post_showing_images(self.client, channel, thread_ts, text, blocks, metadata=marker)
            if ts is None:
                log.info("Slack refused the digest's images in %s; posting without them", channel)
                plain = [block for block in blocks if block.get("type") != "image"]
                ts = post_message(self.client, channel, thread_ts, text, plain, metadata=marker)
        except (SlackApiError, URLError, TimeoutError) as error:
            raise _failure("chat.postMessage", error) from error
        return ts

    def find(self, channel: str, marker: dict, oldest: float, thread_ts: str | None) -> str | None:
        """The ts of a message carrying `marker` posted since `oldest`, if Slack has one."""
        args = {"channel": channel, "oldest": f"{oldest:.6f}", "limit": SEARCH_LIMIT, "include_all_metadata": True}
        try:
            if thread_ts:
                response = self.client.conversations_replies(ts=thread_ts, **args)
            else:
                response = self.client.conversations_history(**args)
        except (SlackApiError, URLError, TimeoutError) as error:
            raise _failure("conversations.history", error) from error
        for message in response.get("messages") or []:
            if (message.get("metadata") or {}).get("event_payload") == marker["event_payload"]:
                return message["ts"]
        return None

    def tell_paused(self, user: str, channel: str, reason: str) -> None:
        """A direct message (in the app's Messages tab) to whoever set up the digest that was paused."""
        self._direct(user, paused_text(channel, reason))

    def tell(self, user: str, message: Paused) -> None:
        """A direct message to whoever set a watch that was paused."""
        self._direct(user, watch_paused_text(message))

    def _direct(self, user: str, text: str) -> None:
        try:
            self.client.chat_postMessage(channel=user, text=text)
        except (SlackApiError, URLError, TimeoutError) as error:
            raise _failure("chat.postMessage", error) from error


class Unreachable:
    """A workspace that cannot be posted to (the app is no longer installed there): every call fails for good."""

    def __init__(self, failure: DeliveryFailed) -> None:
        self.failure = failure

    def _fail(self, *args, **kwargs):
        raise DeliveryFailed(self.failure.code, self.failure.reason, self.failure.lasting)  # one per caller

    upload = post = find = tell_paused = _fail


class WorkspacePosters:
    """The poster for each workspace, with that workspace's token and its own pacing (Slack's limits are per
    workspace): what a digest round, or any other scheduled job, posts through."""

    def __init__(self, tokens: WorkspaceTokens, client: Callable[[str, Pacer], WebClient], pacer: Callable[[], Pacer]):
        self.tokens, self.client, self.pacer = tokens, client, pacer
        self._posters: dict[str | None, Poster] = {}
        self._lock = threading.Lock()

    def __call__(self, workspace: str | None) -> Poster:
        with self._lock:
            if workspace not in self._posters:
                self._posters[workspace] = self._make(workspace)
            return self._posters[workspace]

    def _make(self, workspace: str | None) -> Poster:
        try:
            token = self.tokens.bot_token(workspace)
        except DeliveryFailed as failure:
            log.warning("no token for workspace %s: %s", workspace, failure.code)
            return Unreachable(failure)
        pacer = self.pacer()
        return SlackPoster(self.client(token, pacer), pacer)
