"""Block Kit for help and App Home: what can be asked, the headline numbers and every channel's weekly digest."""

from __future__ import annotations

from bot.ask import cite, topics
from bot.ask.answer import ASK_FREELY, COMBINE
from bot.ask.reply import KeyNumber
from bot.digest.commands import ChannelStatus
from bot.watch.commands import WatchStatus
from handlers.blocks.common import context_block, number_field, section_block
from handlers.blocks.digest import USAGE_TEXT, status_text
from handlers.blocks.watch import help_text, status_line


def help_blocks() -> list[dict]:
    """What can be asked, built from the topic table the parser uses."""
    lines = [f"• `{t.name}`: {t.summary} (e.g. _{t.asked_as}_ or `/ai-trends {t.examples[0]}`)" for t in topics.TOPICS]
    return [
        section_block("*ai-trends* answers questions about how AI models are used, with a chart and its sources."),
        section_block(f"{ASK_FREELY}\n{COMBINE}"),
        section_block("\n".join(lines)),
        section_block(
            "*Periods*: `since 2025-06`, `in 2025`, `Q3 2025`, `last 8 weeks`, `until 2025-09-30`\n"
            "*Options*: `top 5`, `china vs us`, `table`\n"
            "*In a thread*: reply `since March`, `and reasoning models?`, `compare with closed`, `why?` "
            "without mentioning me. Mention me (`@ai-trends ...`) anywhere I am to ask in a thread."
        ),
        section_block(f"*Weekly digest for a channel*: {USAGE_TEXT}"),
        section_block(help_text()),
    ]


def digests_blocks(statuses: list[ChannelStatus]) -> list[dict]:
    """App Home's list of weekly digest subscriptions, one section per channel."""
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "Weekly digests"}}]
    if not statuses:
        return blocks + [section_block("No channel gets the weekly digest yet. Run `/ai-trends digest on` in one.")]
    return blocks + [section_block(status_text(status)) for status in statuses]


MAX_WATCHES_SHOWN = 20


def watches_blocks(statuses: list[WatchStatus]) -> list[dict]:
    """App Home's list of watches, grouped by channel, with each one's value now."""
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "Watches"}}]
    if not statuses:
        return blocks + [section_block("No channel has a watch yet. Run `/ai-trends watch open-source above 35%`.")]
    for status in statuses[:MAX_WATCHES_SHOWN]:
        blocks.append(section_block(f"<#{status.watch.channel}> {status_line(status)}"))
    if len(statuses) > MAX_WATCHES_SHOWN:
        blocks.append(context_block(f"And {len(statuses) - MAX_WATCHES_SHOWN} more: `/ai-trends watch list` in each."))
    return blocks


def home_view(
    headlines: list[KeyNumber], as_of: str, digests: list[ChannelStatus] = (), watches: list[WatchStatus] = ()
) -> dict:
    """App Home: the latest headline numbers, the channels' weekly digests and watches, and how to ask."""
    fields = [number_field(k) for k in headlines[:10]]
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "AI usage right now"}}]
    if fields:
        blocks.append({"type": "section", "fields": fields})
    blocks.append(context_block(cite.openrouter(as_of).text))
    blocks += [{"type": "divider"}] + digests_blocks(list(digests))[:40]
    blocks += [{"type": "divider"}] + watches_blocks(list(watches))
    blocks += [{"type": "divider"}] + help_blocks()
    return {"type": "home", "blocks": blocks[:100]}
