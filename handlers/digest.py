"""`/ai-trends digest on|off|status|preview`: Slack lookups (membership, timezone), then one bot/ call."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.config import Paths
from bot.digest import commands, content
from bot.errors import AiTrendsError
from handlers.blocks.answers import blocks_for_error, error_blocks
from handlers.blocks.digest import main_blocks, main_text, status_text, subscribed_text, turned_off_text
from handlers.inflight import note, outcome_of
from handlers.post import log_slack_error, upload_chart_png

log = logging.getLogger("ai-trends")
NOT_A_MEMBER = (
    "I'm not a member of this channel, so I couldn't post its content. Invite me with `/invite @ai-trends`, then "
    "run `/ai-trends digest on` again."
)


def user_timezone(client: WebClient, user: str) -> str:
    """The asker's Slack timezone (the default for their schedule); UTC if Slack won't say."""
    try:
        return client.users_info(user=user)["user"].get("tz") or "UTC"
    except SlackApiError as error:
        log_slack_error("users.info", error)
        return "UTC"


def bot_is_member(client: WebClient, channel: str) -> bool:
    try:
        return bool(client.conversations_info(channel=channel)["channel"].get("is_member"))
    except SlackApiError as error:
        log_slack_error("conversations.info", error)
        return False


def handle(command: dict, client: WebClient, respond: Respond, paths: Paths, admins: frozenset[str]) -> None:
    channel, user, now = command["channel_id"], command["user_id"], datetime.now(UTC)
    note(topic="digest")
    try:
        request = commands.parse_request(command.get("text") or "")
        note(outcome=f"digest-{request.action}")
        if request.action == "on":
            if not bot_is_member(client, channel):
                respond(text=NOT_A_MEMBER, blocks=error_blocks(NOT_A_MEMBER), response_type="ephemeral")
                note(outcome="not-a-member")
                return
            tz = request.tz or user_timezone(client, user)
            team = command.get("team_id")
            subscribed = commands.turn_on(paths, channel, user, request, tz, now, admins, workspace=team)
            respond(text=subscribed_text(user, subscribed), response_type="in_channel")
        elif request.action == "off":
            removed = commands.turn_off(paths, channel, user, admins)
            respond(text=turned_off_text(user, removed), response_type="in_channel")
        elif request.action == "status":
            respond(text=status_text(commands.status(paths, channel, now)), response_type="ephemeral")
        else:
            _preview(client, respond, paths, channel)
    except AiTrendsError as error:
        respond(text=str(error), blocks=blocks_for_error(error), response_type="ephemeral")
        note(outcome=outcome_of(error))


def _preview(client: WebClient, respond: Respond, paths: Paths, channel: str) -> None:
    """This channel's digest as it would be posted now, shown only to the asker."""
    topics = commands.channel_topics(paths, channel)
    preview = content.build(paths, topics)
    file_id = upload_chart_png(client, preview.chart, "ai-trends-content.png")
    respond(text=main_text(preview), blocks=main_blocks(preview, file_id), response_type="ephemeral")
