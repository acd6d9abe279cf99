"""Bolt's single error hook: log the traceback once, tell the user in plain words where they asked."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from handlers.inflight import SORRY
from handlers.post import in_plain_words, log_slack_error

log = logging.getLogger("ai-trends")


def on_error(error: Exception, body: dict, client: WebClient) -> None:
    if isinstance(error, SlackApiError):
        log_slack_error(error.response.api_url.rsplit("/", 1)[-1], error)
        message = in_plain_words(error)
    else:
        log.error("unhandled error in a listener", exc_info=error)
        message = SORRY
    event = body.get("event") or {}
    try:
        if body.get("response_url"):  # commands and buttons reach the asker privately
            WebhookClient(body["response_url"]).send(text=message, response_type="ephemeral", replace_original=False)
        elif event.get("channel") and event.get("ts"):  # mentions and follow-ups: say so in the thread
            client.chat_postMessage(
                channel=event["channel"], thread_ts=event.get("thread_ts") or event["ts"], text=message
            )
    except SlackApiError as second:
        log_slack_error("error reply", second)
