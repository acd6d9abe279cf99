"""Block Kit pieces every message shares, clipped to Slack's limits (Slack rejects the whole message otherwise):
50 blocks, section text 3000 characters, 10 fields of 2000, image alt text 2000."""

from __future__ import annotations

from bot.ask.reply import Chart, KeyNumber

SECTION_LIMIT = 3000
FIELD_LIMIT = 2000
MAX_BLOCKS = 50


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section_block(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}}


def context_block(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}]}


def number_field(number: KeyNumber) -> dict:
    text = f"*{number.label}*\n{number.value}\n_{number.period} · {number.source}_"
    return {"type": "mrkdwn", "text": clip(text, FIELD_LIMIT)}


def image_block(chart: Chart, file_id: str) -> dict:
    return {
        "type": "image",
        "slack_file": {"id": file_id},
        "alt_text": clip(chart.alt_text, 2000),
        "title": {"type": "plain_text", "text": clip(chart.title, 2000)},
    }
