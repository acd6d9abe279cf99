"""Block Kit for answers and errors: pure functions from the core's values to Slack payloads.

Limits checked here besides the common ones: button value 2000 characters, data_visualization title 50,
1-6 series, labels 20 characters (the data_table's are in tables.py)."""

from __future__ import annotations

from dataclasses import replace

from bot.ask.formatting import text_table
from bot.ask.question import COMPARE_GROUPS, Question, alternative_label
from bot.ask.reply import Answer, Chart
from bot.errors import AiTrendsError, NotUnderstood
from handlers.blocks.common import (
    MAX_BLOCKS,
    SECTION_LIMIT,
    clip,
    context_block,
    image_block,
    number_field,
    section_block,
)
from handlers.blocks.tables import data_table_block

ACTION_PREFIX = "ai_trends_"  # Slack action ids; what follows is the core's button name (bot.conversation)

VIZ_TITLE, VIZ_SERIES, VIZ_LABEL, VIZ_POINTS = 50, 6, 20, 26
BUTTON_VALUE, BUTTON_TEXT = 2000, 75


def fallback_text(answer: Answer) -> str:
    """The plain text Slack shows in notifications and reads to screen readers."""
    lines = (
        answer.finding_lines() + [answer.headline] + [f"{k.label}: {k.value} ({k.period})" for k in answer.key_numbers]
    )
    lines += [c.text for c in answer.citations]
    return clip("\n".join(lines), SECTION_LIMIT)


def data_visualization_block(chart: Chart) -> dict | None:
    """Slack's native chart when the series fit its limits; None when they don't (the PNG still shows)."""
    if chart.kind not in ("stacked-share", "lines", "bars") or not 1 <= len(chart.series) <= VIZ_SERIES:
        return None
    labels = chart.x[-VIZ_POINTS:]
    values = {name: v[-VIZ_POINTS:] for name, v in chart.series.items()}
    too_long = [t for t in list(values) + labels if len(t) > VIZ_LABEL]
    if too_long or any(x is None for v in values.values() for x in v):
        return None
    kind = {"stacked-share": "area", "lines": "line", "bars": "bar"}[chart.kind]
    series = [
        {"name": name, "data": [{"label": label, "value": value} for label, value in zip(labels, v, strict=True)]}
        for name, v in values.items()
    ]
    return {
        "type": "data_visualization",
        "title": clip(chart.title, VIZ_TITLE),
        "chart": {
            "type": kind,
            "series": series,
            "axis_config": {
                "categories": labels,
                "x_label": "Week" if kind != "bar" else "Model",
                "y_label": "Share of tokens (%)" if "share" in chart.title.lower() else "",
            },
        },
    }


def _button(text: str, action: str, question: Question) -> dict:
    value = question.to_json()
    if len(value) > BUTTON_VALUE:  # a long question's text is cut, never the JSON around it
        value = replace(
            question, text=question.text[: max(0, len(question.text) - (len(value) - BUTTON_VALUE))]
        ).to_json()
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(text, BUTTON_TEXT)},
        "action_id": ACTION_PREFIX + action,
        "value": value,
    }


def actions_block(question: Question) -> dict:
    """Next steps: a shorter period, a comparison, the numbers as a table, the method."""
    elements = [_button("Last 3 months", "last_3_months", question)]
    if question.topic in COMPARE_GROUPS:
        label = "Compare " + " vs ".join(COMPARE_GROUPS[question.topic])
        elements.append(_button(label, "compare", question))
    elements += [
        _button("Show as table", "table", question),
        _button("Why? (method)", "why", question),
    ]
    if question.alternative:
        elements.insert(0, _button(alternative_label(question), "did_you_mean", question))
    return {"type": "actions", "elements": elements}


CHART_COMING = ":hourglass_flowing_sand: Drawing the chart; it will appear here in a moment."


def answer_blocks(
    answer: Answer, question: Question, file_id: str | None = None, native_chart: bool = True, drawing: bool = False
) -> list[dict]:
    """The answer as Block Kit: headline, key numbers, the study beside them, changes, chart, sources, buttons.
    `native_chart=False` leaves out Slack's native blocks (chart, table), for a workspace that refused them;
    `drawing` says the chart is still being drawn (the message is updated with it)."""
    if question.view == "why":
        return _why_blocks(answer)
    if question.view == "table":
        return _table_blocks(answer, question, native_chart)
    blocks = [section_block(f"*{answer.headline}*")]
    if answer.findings:
        lines = [f"• {line}" for line in answer.finding_lines()]
        blocks.insert(0, section_block("*From the State of AI study*\n" + "\n".join(lines)))
    if answer.key_numbers:
        blocks.append({"type": "section", "fields": [number_field(k) for k in answer.key_numbers[:10]]})
    if answer.study_figures:
        lines = [f"• {k.label.removeprefix('Study: ')}: *{k.value}* ({k.period})" for k in answer.study_figures]
        blocks.append(section_block("*The State of AI study, for comparison*\n" + "\n".join(lines)))
    if answer.changes:
        blocks.append(section_block("*What changed*\n" + "\n".join(f"• {c}" for c in answer.changes)))
    if answer.chart and file_id:
        blocks.append(image_block(answer.chart, file_id))
    elif drawing:
        blocks.append(context_block(CHART_COMING))
    viz = data_visualization_block(answer.chart) if answer.chart and native_chart else None
    if viz:
        blocks.append(viz)
    blocks.append(context_block("\n".join(c.text for c in answer.citations)))
    blocks.append(actions_block(question))
    return blocks[:MAX_BLOCKS]


def _why_blocks(answer: Answer) -> list[dict]:
    sources = "\n".join(f"• <{c.url}|{c.text}>" for c in answer.citations)
    blocks = [section_block(f"*How this was worked out*\n{answer.method}"), section_block(f"*Sources*\n{sources}")]
    if answer.understood:
        blocks.append(context_block(f"Understood as: {answer.understood}. Period: {answer.period}"))
    return blocks


def _table_blocks(answer: Answer, question: Question, native: bool = True) -> list[dict]:
    """The numbers as Slack's data_table; as a monospace table where a data_table does not fit (or was refused)."""
    rows = answer.table or [["figure", "value", "period"]] + [[k.label, k.value, k.period] for k in answer.key_numbers]
    table = data_table_block(rows, answer.headline) if native else None
    return [
        section_block(f"*{answer.headline}*"),
        table or section_block(f"```{clip(text_table(rows), SECTION_LIMIT - 8)}```"),
        context_block("\n".join(c.text for c in answer.citations)),
        actions_block(question),
    ]


def error_blocks(message: str, suggestions: list[str] = (), examples: list[str] = ()) -> list[dict]:
    """An ephemeral 'not understood' or 'no data' reply: what went wrong and what to try instead."""
    blocks = [section_block(f":warning: {message}")]
    if suggestions or examples:
        tries = [f"`/ai-trends {e}`" for e in list(examples)[:5]]
        blocks.append(context_block("Try: " + " · ".join(tries) if tries else "Try: `/ai-trends help`"))
    return blocks


def blocks_for_error(error: AiTrendsError) -> list[dict]:
    """A domain error as shown to the user, with suggestions when the question was not understood."""
    if isinstance(error, NotUnderstood):
        return error_blocks(str(error), error.suggestions, error.examples)
    return error_blocks(str(error))


def not_in_channel_text(channel: str) -> str:
    return (
        f"I can't post in <#{channel}> because I'm not a member. Invite me with `/invite @ai-trends`, then ask "
        "again. Here is your answer privately in the meantime."
    )
