"""Block Kit for answers, errors, help and App Home: pure functions from values to Slack payloads.

Limits checked here (Slack rejects the whole message otherwise): 50 blocks, section text 3000 characters,
10 fields of 2000, image alt text 2000, button value 2000, data_visualization title 50 / 1-6 series /
labels 20 characters.
"""

from __future__ import annotations

from bot import cite, digest_commands, topics
from bot.errors import AiTrendsError, NotUnderstood
from bot.formatting import text_table
from bot.question import COMPARE_GROUPS, Question
from bot.reply import Answer, Chart, KeyNumber

SECTION_LIMIT = 3000
FIELD_LIMIT = 2000
MAX_BLOCKS = 50
VIZ_TITLE, VIZ_SERIES, VIZ_LABEL, VIZ_POINTS = 50, 6, 20, 26


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section_block(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}}


def context_block(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}]}


def number_field(number: KeyNumber) -> dict:
    text = f"*{number.label}*\n{number.value}\n_{number.period} · {number.source}_"
    return {"type": "mrkdwn", "text": clip(text, FIELD_LIMIT)}


def fallback_text(answer: Answer) -> str:
    """The plain text Slack shows in notifications and reads to screen readers."""
    lines = [answer.headline] + [f"{k.label}: {k.value} ({k.period})" for k in answer.key_numbers]
    lines += [c.text for c in answer.citations]
    return clip("\n".join(lines), SECTION_LIMIT)


def image_block(chart: Chart, file_id: str) -> dict:
    return {
        "type": "image",
        "slack_file": {"id": file_id},
        "alt_text": clip(chart.alt_text, 2000),
        "title": {"type": "plain_text", "text": clip(chart.title, 2000)},
    }


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


def _button(text: str, action_id: str, question: Question) -> dict:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": clip(question.to_json(), 2000),
    }


def actions_block(question: Question) -> dict:
    """Next steps: a shorter period, a comparison, the numbers as a table, the method."""
    elements = [_button("Last 3 months", "ai_trends_last_3_months", question)]
    if question.topic in COMPARE_GROUPS:
        label = "Compare " + " vs ".join(COMPARE_GROUPS[question.topic])
        elements.append(_button(label, "ai_trends_compare", question))
    elements += [
        _button("Show as table", "ai_trends_table", question),
        _button("Why? (method)", "ai_trends_why", question),
    ]
    return {"type": "actions", "elements": elements}


def answer_blocks(
    answer: Answer, question: Question, file_id: str | None = None, native_chart: bool = True
) -> list[dict]:
    """The answer as Block Kit: headline, key numbers, the study beside them, changes, chart, sources, buttons."""
    if question.view == "why":
        return _why_blocks(answer)
    if question.view == "table":
        return _table_blocks(answer, question)
    blocks = [section_block(f"*{answer.headline}*")]
    if answer.key_numbers:
        blocks.append({"type": "section", "fields": [number_field(k) for k in answer.key_numbers[:10]]})
    if answer.study_figures:
        lines = [f"• {k.label.removeprefix('Study: ')}: *{k.value}* ({k.period})" for k in answer.study_figures]
        blocks.append(section_block("*The State of AI study, for comparison*\n" + "\n".join(lines)))
    if answer.changes:
        blocks.append(section_block("*What changed*\n" + "\n".join(f"• {c}" for c in answer.changes)))
    if answer.chart and file_id:
        blocks.append(image_block(answer.chart, file_id))
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


def _table_blocks(answer: Answer, question: Question) -> list[dict]:
    rows = answer.table or [["figure", "value", "period"]] + [[k.label, k.value, k.period] for k in answer.key_numbers]
    body = clip(text_table(rows), SECTION_LIMIT - 8)
    return [
        section_block(f"*{answer.headline}*"),
        section_block(f"```{body}```"),
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


def help_blocks() -> list[dict]:
    """What can be asked, built from the topic table the parser uses."""
    lines = [f"• `{t.name}`: {t.summary} (e.g. `/ai-trends {t.examples[0]}`)" for t in topics.TOPICS]
    return [
        section_block("*ai-trends* answers questions about how AI models are used, with a chart and its sources."),
        section_block("\n".join(lines)),
        section_block(
            "*Periods*: `since 2025-06`, `in 2025`, `Q3 2025`, `last 8 weeks`, `until 2025-09-30`\n"
            "*Options*: `top 5`, `china vs us`, `table`\n"
            "*In a thread*: reply `since March`, `and reasoning models?`, `compare with closed`, `why?` "
            "without mentioning me. Mention me (`@ai-trends ...`) anywhere I am to ask in a thread."
        ),
        section_block(f"*Weekly digest for a channel*: {digest_commands.USAGE}"),
    ]


def not_in_channel_text(channel: str) -> str:
    return (
        f"I can't post in <#{channel}> because I'm not a member. Invite me with `/invite @ai-trends`, then ask "
        "again. Here is your answer privately in the meantime."
    )


def digests_blocks(descriptions: list[str]) -> list[dict]:
    """App Home's list of weekly digest subscriptions, one section per channel."""
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "Weekly digests"}}]
    if not descriptions:
        return blocks + [section_block("No channel gets the weekly digest yet. Run `/ai-trends digest on` in one.")]
    return blocks + [section_block(text) for text in descriptions]


def home_view(headlines: list[KeyNumber], as_of: str, digests: list[str] = ()) -> dict:
    """App Home: the latest headline numbers, the channels' weekly digests and how to ask."""
    fields = [number_field(k) for k in headlines[:10]]
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "AI usage right now"}}]
    if fields:
        blocks.append({"type": "section", "fields": fields})
    blocks.append(context_block(cite.openrouter(as_of).text))
    blocks += [{"type": "divider"}] + digests_blocks(list(digests))[:40]
    blocks += [{"type": "divider"}] + help_blocks()
    return {"type": "home", "blocks": blocks[:100]}
