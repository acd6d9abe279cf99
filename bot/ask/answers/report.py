"""Answers for what only the State of AI study covers: categories, regions, languages, prices, retention ..."""

from __future__ import annotations

from dataclasses import dataclass

from bot import charts
from bot.analytics.snapshot import Data
from bot.ask import cite, topics
from bot.ask.question import Question
from bot.ask.reply import Answer, Chart, KeyNumber
from bot.ask.study import figure_period, key_number, primary_value, stated_value, to_anchor
from bot.errors import NoData


@dataclass(frozen=True)
class View:
    """Which study figures a topic quotes, and how its chart shows them."""

    headline: str
    keys: tuple[str, ...]
    chart: str | None  # "bars", "points" or None when the study gives no comparable numbers
    items: tuple[tuple[str, str], ...] = ()  # (figure id, label on the chart)
    title: str = ""
    axis: str = ""
    log: bool = False
    note: str = ""


VIEWS = {
    "programming": View(
        "Programming grew from about a tenth of all tokens in early 2025 to more than half by late 2025.",
        ("cat-prog-early2025", "cat-prog-late2025", "prog-anthropic-share", "prog-anthropic-below60"),
        "points",
        (("cat-prog-early2025", "Programming"), ("cat-prog-late2025", "Programming")),
        "Programming share of all tokens",
        "% of total tokens",
        note="The study's category tagging starts in 2025-05, so the early-2025 figure's date is imprecise.",
    ),
    "roleplay": View(
        "Roleplay is about half of all open-weight tokens, and open models now serve most roleplay.",
        ("cat-oss-roleplay", "rp-row-oss-late", "rp-closed-late", "sub-rp-games"),
        "points",
        (
            ("rp-closed-may2025", "Proprietary"),
            ("rp-closed-late", "Proprietary"),
            ("rp-row-oss-early", "RoW open"),
            ("rp-row-oss-late", "RoW open"),
            ("rp-cn-oss-early", "Chinese open"),
            ("rp-cn-oss-late", "Chinese open"),
        ),
        "Who serves roleplay tokens",
        "% of roleplay tokens",
        note="52% is roleplay's share of open-weight tokens, not open models' share of roleplay (a common misquote).",
    ),
    "categories": View(
        "By late 2025 programming was over half of all tokens; roleplay is about half of open-weight tokens.",
        ("cat-prog-late2025", "cat-oss-roleplay", "sub-sci-ml", "sub-prog-devtools"),
        "bars",
        (
            ("sub-sci-ml", "Science: ML & AI"),
            ("sub-rp-games", "Roleplay: games"),
            ("sub-prog-devtools", "Programming: dev tools"),
            ("sub-rp-writers", "Roleplay: writers' resources"),
            ("sub-rp-adult", "Roleplay: adult"),
        ),
        "Sub-categories, share of their parent category",
        "% of the parent category's tokens",
    ),
    "regions": View(
        "North America accounts for just under half of all tokens; Asia's share of spend more than doubled.",
        ("geo-cont-na", "geo-cont-asia", "geo-cont-eu", "geo-asia-spend-late"),
        "bars",
        (
            ("geo-cont-na", "North America"),
            ("geo-cont-asia", "Asia"),
            ("geo-cont-eu", "Europe"),
            ("geo-cont-sam", "South America"),
            ("geo-cont-oceania", "Oceania"),
            ("geo-cont-africa", "Africa"),
        ),
        "Share of tokens by continent",
        "% of total tokens",
    ),
    "languages": View(
        "English is over four fifths of tokens; Simplified Chinese is second.",
        ("lang-en", "lang-zh-hans", "lang-ru"),
        "bars",
        (
            ("lang-en", "English"),
            ("lang-zh-hans", "Chinese (Simplified)"),
            ("lang-ru", "Russian"),
            ("lang-es", "Spanish"),
            ("lang-th", "Thai"),
            ("lang-other", "Other"),
        ),
        "Share of tokens by prompt language",
        "% of tokens",
    ),
    "pricing": View(
        "Usage barely reacts to price: a 10% price cut brings only 0.5-0.7% more usage.",
        ("pr-median-cost", "pr-elasticity", "pr-arch-premium-leaders", "pr-arch-specialists-price"),
        "bars",
        (
            ("pr-ex-gpt5pro-price", "GPT-5 Pro"),
            ("pr-ex-gpt4-price", "GPT-4"),
            ("pr-ex-claude37-price", "Claude 3.7 Sonnet"),
            ("pr-ex-sonnet4-price", "Claude Sonnet 4"),
            ("pr-ex-dsv3-price", "DeepSeek V3 0324"),
            ("pr-ex-gemini20flash-price", "Gemini 2.0 Flash"),
            ("pr-ex-qwen2-7b-price", "Qwen 2 7B"),
            ("pr-ex-granite-price", "Granite 4.0 Micro"),
        ),
        "Effective price per million tokens (log scale)",
        "USD per 1M tokens, blended prompt + completion",
        log=True,
    ),
    "retention": View(
        "Early cohorts of a few models stay: about 40% still active five months on.",
        ("ret-claude4-sonnet", "ret-gemini25pro", "ret-gpt4omini"),
        "bars",
        (
            ("ret-claude4-sonnet", "Claude 4 Sonnet, 2025-05 cohort"),
            ("ret-gemini25pro", "Gemini 2.5 Pro, 2025-06 cohort"),
        ),
        "Month-5 retention of the first cohort",
        "% of cohort users active",
        note="Retention counts a user as active in month N even after gaps, so curves can rise again.",
    ),
    "token-lengths": View(
        "Prompts grew about fourfold and completions nearly tripled.",
        ("tl-prompt-early", "tl-prompt-late", "tl-completion-early", "tl-completion-late"),
        "points",
        (
            ("tl-prompt-early", "Prompt"),
            ("tl-prompt-late", "Prompt"),
            ("tl-completion-early", "Completion"),
            ("tl-completion-late", "Completion"),
        ),
        "Average tokens per request",
        "tokens per request",
        note="Completion tokens include reasoning tokens.",
    ),
    "tool-calls": View(
        "Tool calling is rising, but the study gives no number for its share.",
        ("tc-trend", "tc-top-late", "tc-top-early"),
        None,
        note="Third parties have read numbers off the study's chart, but the study states none, so none is "
        "quoted here.",
    ),
    "report": View(
        "The study covers over 100 trillion tokens: open weights near a third, reasoning and programming over half.",
        ("ps-tokens-analyzed", "oc-oss-late2025", "rs-share-late", "cat-prog-late2025"),
        "bars",
        (
            ("rs-share-late", "Reasoning models, share of tokens"),
            ("cat-prog-late2025", "Programming, share of tokens"),
            ("oc-oss-late2025", "Open-weight models, share of tokens"),
        ),
        "Headline shares, late 2025",
        "% of all tokens (a '>' value is drawn at its bound)",
    ),
}


def _chart(data: Data, view: View) -> Chart | None:
    rows = [(data.figures[i], label) for i, label in view.items if i in data.figures and data.figures[i]["statable"]]
    rows = [(row, label) for row, label in rows if row["value"] is not None]
    if view.chart is None or not rows:
        return None
    source = cite.study([rows[0][0]["topic"]]).text
    periods = sorted({figure_period(row) for row, _ in rows})
    subtitle = "; ".join(periods) if len(periods) <= 2 else "periods as labelled"
    if view.chart == "bars":
        fig = charts.bars(
            [label for _, label in rows],
            [row["value"] for row, _ in rows],
            title=view.title,
            subtitle=subtitle,
            source=source,
            ylabel=view.axis,
            log=view.log,
            value_labels=[primary_value(row["value_text"]) for row, _ in rows],
        )
        series = {view.axis: [row["value"] for row, _ in rows]}
        x = [label for _, label in rows]
    else:
        pairs = [(to_anchor(row), label) for row, label in rows]
        pairs = [(a, label) for a, label in pairs if a]
        fig = charts.points(
            [a for a, _ in pairs],
            [label for _, label in pairs],
            title=view.title,
            subtitle=subtitle,
            source=source,
            ylabel=view.axis,
        )
        series = {}
        for anchor, label in pairs:
            series.setdefault(label, []).append(anchor.value)
        x = [f"{a.start.isoformat()}..{a.end.isoformat()}" for a, _ in pairs]
    alt = f"{view.title} ({subtitle}): " + "; ".join(f"{label} {stated_value(row)}" for row, label in rows)
    return Chart(charts.render_png(fig), view.title, view.chart, alt, x, series)


def report_answer(data: Data, q: Question) -> Answer:
    """Quote the study's own figures for a topic the rankings cannot show."""
    topic = topics.get(q.topic)
    view = VIEWS[q.topic]
    keys: list[KeyNumber] = [
        key_number(data.figures[i]) for i in view.keys if i in data.figures and data.figures[i]["statable"]
    ]
    if not keys:
        raise NoData(f"The store has no figures from the study for {topic.title.lower()}.")
    changes = []
    if q.period_label:
        changes.append(
            f"The study's figures have fixed periods (shown with each number); '{q.period_label}' does not change them."
        )
    method = (
        "Figures as the State of AI study states them (OpenRouter and a16z, Dec 2025; weekly UTC data, "
        "2024-11-03 to 2025-11-30, categories from 2025-05). Chart readings by third parties and press "
        "restatements are kept in the data but never quoted as the study's numbers."
    )
    if view.note:
        method += " " + view.note
    table = [["figure", "value", "period", "confidence"]] + [[k.label, k.value, k.period, k.source] for k in keys]
    return Answer(
        q.topic,
        q.text,
        view.headline,
        "the study's periods, as labelled",
        keys,
        changes,
        method,
        [cite.study(list(topic.figure_topics))],
        _chart(data, view),
        table,
        f"topic {q.topic}" + (f"; {q.period_label}" if q.period_label else ""),
    )
