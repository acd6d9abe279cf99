"""Block Kit and text for watches: the confirmation asked before saving, what the watch commands say back, the
alert a watch posts, and the note to whoever set a watch that had to be paused."""

from __future__ import annotations

import json

from bot.ask import cite
from bot.watch import commands
from bot.watch.alerts import AlertMessage, chart_of
from bot.watch.commands import Preview, WatchStatus
from bot.watch.round import Paused
from handlers.blocks.common import MAX_BLOCKS, SECTION_LIMIT, clip, context_block, image_block, section_block

SAVE, CANCEL = "watch_save", "watch_cancel"  # action ids (outside the answers' "ai_trends_" prefix)
USAGE_TEXT = " · ".join(f"`/ai-trends {command}` ({what})" for command, what in commands.USAGE)
CHECKED = "It is checked each time a week of data is complete (partial weeks never count)."


def stop_hint(watch_id: int) -> str:
    return f"Stop it with `/ai-trends watch off {watch_id}`."


def preview_blocks(preview: Preview) -> list[dict]:
    """Shown only to the asker: the condition as understood and its value now, with Watch this / Cancel."""
    lines = [f"*Watch:* {preview.condition.describe()}", f"Now: {preview.now}."]
    if preview.waiting:
        lines.append(preview.waiting)
    value = json.dumps({"condition": preview.condition.to_json(), "request": preview.request})
    buttons = [
        {"type": "button", "text": {"type": "plain_text", "text": "Watch this"}, "style": "primary"},
        {"type": "button", "text": {"type": "plain_text", "text": "Cancel"}},
    ]
    for button, action in zip(buttons, (SAVE, CANCEL), strict=True):
        button |= {"action_id": action, "value": clip(value, 2000)}
    notes = [cite.openrouter(preview.as_of).text, f"Nothing is saved until you choose *Watch this*. {CHECKED}"]
    return [
        section_block("\n".join(lines)),
        context_block("\n".join(notes)),
        {"type": "actions", "elements": buttons},
    ]


def preview_text(preview: Preview) -> str:
    return f"Watch: {preview.condition.describe()} (now: {preview.now}). Choose Watch this to save it."


def saved_text(user: str, status: WatchStatus) -> str:
    """Announced in the channel once a watch is confirmed."""
    watch = status.watch
    lines = [
        f"<@{user}> set watch {watch.id} for this channel: *{watch.condition.describe()}* (now: {status.now}).",
        " ".join(part for part in (status.waiting, CHECKED, stop_hint(watch.id)) if part),
        cite.openrouter(status.as_of).text,
    ]
    return "\n".join(lines)


def confirmed_text(status: WatchStatus) -> str:
    """Replaces the asker's confirmation once the button was used."""
    watch = status.watch
    if not status.created:
        return f"Already saved as watch {watch.id}: {watch.condition.describe()}."
    return f"Saved as watch {watch.id}: {watch.condition.describe()}. {stop_hint(watch.id)}"


def stopped_text(user: str, watch_id: int, stopped) -> str:
    if stopped is None:
        return f"This channel has no watch {watch_id}; `/ai-trends watch list` shows its watches."
    return f"<@{user}> stopped watch {watch_id}: {stopped.condition.describe()}."


def status_line(status: WatchStatus) -> str:
    watch = status.watch
    fired = f"last fired for the week of {status.last_fired}" if status.last_fired else "not fired yet"
    line = f"*{watch.id}.* {watch.condition.describe()}: now {status.now}; {fired} (set by <@{watch.created_by}>)"
    if watch.status == "paused":
        line += f". Paused: {watch.paused_reason} Stop it and set it again to resume."
    return line


def list_text(statuses: list[WatchStatus]) -> str:
    if not statuses:
        return "This channel has no watches. " + USAGE_TEXT
    lines = ["Watches in this channel:"] + [status_line(s) for s in statuses]
    lines += ["Stop one with `/ai-trends watch off N`.", cite.openrouter(statuses[0].as_of).text]
    return clip("\n".join(lines), SECTION_LIMIT)


def help_text() -> str:
    return f"*Watches*: tell this channel when the market crosses a line. {USAGE_TEXT}"


def alert_payload(message: AlertMessage) -> tuple[str, list[dict]]:
    """The alert: what crossed, the value with its week, the chart, the citation and how to stop the watch."""
    alert = message.alert
    stop = f"Watching: {alert.condition}. {stop_hint(alert.watch_id)} All watches: `/ai-trends watch list`."
    blocks = [section_block(f":rotating_light: *{alert.headline}*\n{alert.detail}")]
    if alert.earlier:
        blocks.append(section_block("Earlier crossings found in the same check: " + "; ".join(alert.earlier) + "."))
    file_id = message.files.get("main")
    if file_id:
        blocks.append(image_block(chart_of(alert), file_id))
    notes = [n for n in (alert.note, alert.citation, stop) if n]
    blocks.append(context_block("\n".join(notes)))
    return clip(alert.text() + "\n" + stop, SECTION_LIMIT), blocks[:MAX_BLOCKS]


def paused_text(note: Paused) -> str:
    """The direct message to whoever set a watch that had to be paused."""
    return (
        f"I paused watch {note.watch_id} in <#{note.channel}> ({note.condition}): {note.reason} "
        f"Once that is fixed, stop it with `/ai-trends watch off {note.watch_id}` there and set it again."
    )
