"""Block Kit for the weekly digest: the channel message, the details in its thread, and the 'nothing new' note."""

from __future__ import annotations

from bot.digest import Digest
from bot.reply import Answer
from bot.slack_blocks import MAX_BLOCKS, SECTION_LIMIT, clip, context_block, image_block, number_field, section_block

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
    notes = [digest.stale_note] if digest.stale_note else []
    blocks.append(context_block("\n".join(notes + [c.text for c in digest.citations] + [THREAD_HINT])))
    return blocks[:MAX_BLOCKS]


def main_text(digest: Digest) -> str:
    """The notification text: the same numbers with their periods, and the citation."""
    lines = [digest.headline] + [f"{k.label}: {k.value} ({k.period})" for k in digest.numbers]
    lines += digest.movers + ([digest.stale_note] if digest.stale_note else []) + [c.text for c in digest.citations]
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
