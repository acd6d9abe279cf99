"""Deliver an answer to Slack: upload the chart, post the message that shows it, fall back when Slack says no."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot import conversation
from bot.ask.question import Question
from bot.ask.reply import Answer, Chart
from bot.config import Paths
from handlers.blocks.answers import answer_blocks, error_blocks, fallback_text, not_in_channel_text
from handlers.inflight import IN_FLIGHT, note

log = logging.getLogger(__name__)

# Slack may need a moment before a freshly uploaded file can be shown in an image block.
IMAGE_RETRY_DELAYS = (0.3, 0.7, 1.5)
T = TypeVar("T")
NOTICE_TIMEOUT = 3  # seconds: a notice sent while shutting down must not hold the exit
NOT_A_MEMBER = {"not_in_channel", "channel_not_found"}
PLAIN_WORDS = {
    "not_in_channel": "I'm not a member of that channel.",
    "channel_not_found": "I can't see that channel (it may be private, and I'm not in it).",
    "is_archived": "That channel is archived.",
    "ratelimited": "Slack asked me to slow down. Please try again in a minute.",
    "invalid_auth": "My Slack token is no longer valid; ask an admin to reinstall ai-trends.",
    "token_revoked": "My Slack token was revoked; ask an admin to reinstall ai-trends.",
    "account_inactive": "My Slack token is no longer valid; ask an admin to reinstall ai-trends.",
}


def acknowledge(ack: Ack) -> None:
    """Answer Slack's HTTP request at once; the listener's real work runs after it, lazily."""
    ack()


def notify_privately(response_url: str) -> Callable[[str], None]:
    """Tell the asker of a command or a button something only they see (Slack's response_url)."""

    def send(text: str) -> None:
        WebhookClient(response_url, timeout=NOTICE_TIMEOUT).send(
            text=text, response_type="ephemeral", replace_original=False
        )

    return send


def notify_in_thread(client: WebClient, channel: str, thread_ts: str) -> Callable[[str], None]:
    """Tell whoever asked in a thread (a mention or a follow-up) something, in that thread."""

    def send(text: str) -> None:
        quick = WebClient(token=client.token, base_url=client.base_url, timeout=NOTICE_TIMEOUT)
        quick.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)

    return send


def slack_error(error: SlackApiError) -> str:
    return str(error.response.get("error") or "unknown_error")


def log_slack_error(method: str, error: SlackApiError) -> None:
    """Method and error code only: never the request, which carries the token."""
    log.warning("Slack API %s failed: %s", method, slack_error(error))


def in_plain_words(error: SlackApiError) -> str:
    code = slack_error(error)
    return PLAIN_WORDS.get(code, f"Slack refused the message ({code}).")


def upload_chart_png(client: WebClient, chart: Chart, filename: str) -> str:
    """Upload a chart privately (no channel) so that a message can show it by file id."""
    response = client.files_upload_v2(
        content=chart.png, filename=filename, title=chart.title, alt_txt=chart.alt_text[:1000]
    )
    return response["file"]["id"]


def upload_chart(client: WebClient, answer: Answer) -> str:
    return upload_chart_png(client, answer.chart, f"ai-trends-{answer.topic}.png")


def post_message(client: WebClient, channel: str, thread_ts: str | None, text: str, blocks: list[dict], **extra) -> str:
    response = client.chat_postMessage(
        channel=channel, thread_ts=thread_ts, text=text, blocks=blocks, unfurl_links=False, unfurl_media=False, **extra
    )
    return response["ts"]


def post_showing_images(
    client: WebClient, channel: str, thread_ts: str | None, text: str, blocks: list[dict], **extra
) -> str | None:
    """Post blocks that show uploaded files, retrying while Slack processes them; None if Slack still refuses."""
    return _showing_images(lambda: post_message(client, channel, thread_ts, text, blocks, **extra), blocks)


def _showing_images(send: Callable[[], T], blocks: list[dict]) -> T | None:
    """`send` the blocks (a post or an update), retrying while Slack processes the files their images show; None
    if Slack still refuses them. Any other Slack error is raised."""
    has_image = any(block.get("type") == "image" for block in blocks)
    for delay in (0.0, *IMAGE_RETRY_DELAYS):
        time.sleep(delay)
        try:
            return send()
        except SlackApiError as error:
            if slack_error(error) != "invalid_blocks":
                raise
            if not has_image:
                return None  # nothing to wait for: another block (the native chart) was refused
    return None


def post_answer(
    client: WebClient, channel: str, thread_ts: str | None, question: Question, answer: Answer, drawing: bool = False
) -> str | None:
    """Post the answer with its chart in the message; if Slack will not show it there, put it in the thread.
    `drawing`: its chart is still being drawn, the message says so and gets it later (add_chart).
    None if the process is shutting down and the asker was told to ask again instead."""
    charted = answer.chart and answer.chart.png and question.view == "chart"
    file_id = upload_chart(client, answer) if charted else None
    blocks = answer_blocks(answer, question, file_id, drawing=drawing)
    if not IN_FLIGHT.may_post():  # shutting down, and the asker has been told to ask again
        return None
    ts = post_showing_images(client, channel, thread_ts, fallback_text(answer), blocks)
    if ts:
        return ts
    log.info("Slack refused the answer's image or native chart; posting without them, the chart in the thread")
    plain = answer_blocks(answer, question, None, native_chart=False)
    ts = post_message(client, channel, thread_ts, fallback_text(answer), plain)
    if file_id:
        _chart_in_thread(client, channel, thread_ts or ts, answer)
    return ts


def deliver(
    client: WebClient,
    paths: Paths,
    channel: str,
    thread_ts: str | None,
    question: Question,
    answer: Answer,
    respond=None,
    whole: Future | None = None,
) -> str | None:
    """Post publicly and remember the thread; in a channel the bot is not in, answer the asker privately.

    With `whole` (the answer still being drawn), `answer` is its numbers and words: they go out at once and the
    message is updated with the chart when `whole` gives it."""
    note(topic=question.topic)
    if thread_ts:  # known before posting: a quick reply in the thread must already find its context
        conversation.remember(paths, channel, thread_ts, question)
    try:
        ts = post_answer(client, channel, thread_ts, question, answer, drawing=whole is not None)
    except SlackApiError as error:
        log_slack_error("chat.postMessage", error)
        if respond is None:
            raise
        if slack_error(error) in NOT_A_MEMBER:
            # A private answer goes out once and cannot be updated: with its numbers only, no 'drawing' note.
            blocks = error_blocks(not_in_channel_text(channel)) + answer_blocks(answer, question, None)[:-1]
            respond(text=fallback_text(answer), blocks=blocks, response_type="ephemeral")
            note(outcome="answered-privately")
        else:
            respond(text=in_plain_words(error), response_type="ephemeral")
            note(outcome=f"refused:{slack_error(error)}")
        return None
    if ts is None:
        note(outcome="retry-asked")
        return None
    if not thread_ts:
        conversation.remember(paths, channel, ts, question)
    if whole is not None:
        add_chart(client, channel, ts, thread_ts, question, answer, whole)
    return ts


WHOLE_TIMEOUT = 60.0  # seconds a drawn chart may take before the message gives up waiting for it


def _whole(whole: Future) -> Answer:
    return whole.result(timeout=WHOLE_TIMEOUT)


def add_chart(
    client: WebClient, channel: str, ts: str, thread_ts: str | None, question: Question, text: Answer, whole: Future
) -> None:
    """Put the chart, once drawn, into the message that went out with the numbers (in its thread if Slack will
    not show it there); if it cannot be drawn, the message drops its 'drawing' note."""
    IN_FLIGHT.charting()
    try:
        answer = _whole(whole)
    except Exception:  # noqa: BLE001 - the numbers are out; say no more about a chart
        log.warning("the chart could not be drawn; the answer stays without it", exc_info=True)
        update_message(client, channel, ts, fallback_text(text), answer_blocks(text, question))
        return
    if not IN_FLIGHT.may_add_chart():
        return
    file_id = upload_chart(client, answer) if answer.chart and answer.chart.png else None
    if not IN_FLIGHT.may_add_chart():
        return
    blocks = answer_blocks(answer, question, file_id)
    if update_message(client, channel, ts, fallback_text(answer), blocks):
        note(outcome="answered")
        return
    log.info("Slack refused the drawn chart in the message; putting it in the thread")
    update_message(client, channel, ts, fallback_text(answer), answer_blocks(answer, question, None, False))
    if file_id:
        _chart_in_thread(client, channel, thread_ts or ts, answer)


def update_message(client: WebClient, channel: str, ts: str, text: str, blocks: list[dict]) -> bool:
    """Replace a message's blocks, retrying while Slack processes a new image; False if Slack still refuses."""
    try:
        update = _showing_images(lambda: client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks), blocks)
    except SlackApiError as error:
        log_slack_error("chat.update", error)
        return False
    return update is not None


def _chart_in_thread(client: WebClient, channel: str, thread_ts: str, answer: Answer) -> None:
    client.files_upload_v2(
        channel=channel,
        thread_ts=thread_ts,
        content=answer.chart.png,
        filename=f"ai-trends-{answer.topic}.png",
        title=answer.chart.title,
        alt_txt=answer.chart.alt_text[:1000],
    )
