"""Block Kit and text for weekly digests: the channel message, the details in its thread, the 'nothing new' note,
and what the digest commands say back."""

from __future__ import annotations

from bot.ask.reply import Answer
from bot.digest import commands
from bot.digest.commands import ChannelStatus, when
from bot.digest.content import Digest
from bot.digest.messages import Message
from handlers.blocks.common import (
    MAX_BLOCKS,
    SECTION_LIMIT,
    clip,
    context_block,
    image_block,
    number_field,
    section_block,
)

USAGE_TEXT = " · ".join(
    f"`/ai-trends {command}`" + (f" ({what})" if i == 0 else "") for i, (command, what) in enumerate(commands.USAGE)
)
THREAD_HINT = "Details and more charts are in the thread; reply there to ask follow-ups (`since June`, `top 3`)."


def main_blocks(digest: Digest, file_id: str | None) -> list[dict]:
    """The digest message: the week's numbers and their change, movers, one chart, and the citation."""
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Weekly AI usage digest"}},
        section_block(f"*{digest.headline}*"),
    ]
    if digest.numbers:
        blocks.append({"type": "section", "fields": [number_field(k) for k in digest.numbers[:10]]})
    if digest.movers:
        blocks.append(section_block("*Top 10 movers*\n" + "\n".join(f"• {line}" for line in digest.movers)))
    if file_id:
        blocks.append(image_block(digest.chart, file_id))
    notes = [note for note in (digest.coverage, digest.stale_note) if note]
    blocks.append(context_block("\n".join(notes + [c.text for c in digest.citations] + [THREAD_HINT])))
    return blocks[:MAX_BLOCKS]


def main_text(digest: Digest) -> str:
    """The notification text: the same numbers with their periods, and the citation."""
    lines = [digest.headline] + [f"{k.label}: {k.value} ({k.period})" for k in digest.numbers]
    notes = [note for note in (digest.coverage, digest.stale_note) if note]
    lines += digest.movers + notes + [c.text for c in digest.citations]
    return clip("\n".join(lines), SECTION_LIMIT)


def _answer_blocks(answer: Answer, file_id: str | None) -> list[dict]:
    blocks = [section_block(f"*{answer.headline}*")]
    if answer.key_numbers:
        blocks.append({"type": "section", "fields": [number_field(k) for k in answer.key_numbers[:4]]})
    if answer.chart and file_id:
        blocks.append(image_block(answer.chart, file_id))
    blocks.append(context_block("\n".join(c.text for c in answer.citations)))
    return blocks


def details_blocks(digest: Digest, file_ids: dict[str, str]) -> list[dict]:
    """The thread message: each chosen topic's full answer with its chart, keyed by topic in `file_ids`."""
    blocks = []
    for question, answer in digest.details:
        blocks += _answer_blocks(answer, file_ids.get(question.topic))
        blocks.append({"type": "divider"})
    return blocks[:-1][:MAX_BLOCKS]


def details_text(digest: Digest) -> str:
    return clip("\n\n".join(answer.text() for _, answer in digest.details), SECTION_LIMIT)


def unchanged_blocks(text: str) -> list[dict]:
    return [section_block(f":zzz: {text}")]


def message_payload(message: Message) -> tuple[str, list[dict]]:
    """A digest run's message as Slack's notification text and blocks."""
    if message.unchanged:
        return message.note, unchanged_blocks(message.note)
    if message.part == "details":
        return details_text(message.digest), details_blocks(message.digest, message.files)
    return main_text(message.digest), main_blocks(message.digest, message.files.get("main"))


def paused_text(channel: str, reason: str) -> str:
    """The direct message to whoever set up a digest that had to be paused."""
    return (
        f"I paused the weekly AI usage digest for <#{channel}>: {reason} "
        "Once that is fixed, run `/ai-trends digest on` in the channel to resume it."
    )


def subscribed_text(user: str, status: ChannelStatus) -> str:
    """Announced in the channel when someone turns its digest on or changes it."""
    sub = status.subscription
    return (
        f"<@{user}> set up the weekly AI usage digest for this channel: {sub.schedule.describe()}. "
        f"Topics: {', '.join(sub.topics)}. First digest: {when(status.next, sub.schedule.tz)}."
    )


def turned_off_text(user: str, removed: bool) -> str:
    if not removed:
        return "This channel has no weekly digest, so there was nothing to turn off."
    return f"<@{user}> turned off the weekly AI usage digest for this channel."


def status_text(status: ChannelStatus | None) -> str:
    """A channel's schedule, state, next run (its timezone and UTC) and last delivery."""
    if status is None:
        return "This channel has no weekly digest. Turn it on with `/ai-trends digest on`."
    sub = status.subscription
    lines = [f"Weekly digest for <#{sub.channel}>: {sub.schedule.describe()}; topics {', '.join(sub.topics)}."]
    if status.next is None:
        lines.append(f"Paused: {sub.paused_reason} Run `/ai-trends digest on` in the channel to resume.")
    else:
        lines.append(f"Next digest: {when(status.next, sub.schedule.tz)}.")
    if status.last_period:
        lines.append(f"Last digest: {status.last_period} (set up by <@{sub.created_by}>).")
    return "\n".join(lines)
