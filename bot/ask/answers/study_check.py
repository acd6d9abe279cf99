"""'Study vs rankings': every study figure the rankings can measure, next to the rankings' own value."""

from __future__ import annotations

from bot import charts
from bot.analytics import filter_period
from bot.analytics.reproduce import Comparison
from bot.analytics.snapshot import Data
from bot.ask import cite, reproduced
from bot.ask.answers.common import as_of_of
from bot.ask.formatting import span
from bot.ask.question import Question
from bot.ask.reply import Answer, Chart, KeyNumber
from bot.ask.study import figure_period, primary_value, stated_value
from bot.errors import NoData
from bot.store.periods import STUDY_END

HEADLINE_FIGURES = ("oc-oss-late2025", "oc-cn-oss-avg", "rs-share-late", "ps-daily")
METHOD = (
    "Each figure the State of AI study states and the rankings can measure is recomputed from OpenRouter's daily "
    "rankings over the closest period: the figure's own dates cut to the study window (2024-11-03 to 2025-11-30) "
    "and to the days the rankings hold (from 2025-01-01). Averages are means of weekly shares, as the study's are. "
    "The two can differ because the rankings name only each day's top 50 models (a group's models outside the top "
    "50 are in the 'other' row, which cannot be classified), because the series starts two months after the study's, "
    "and because the study counts all traffic. 'Agrees' means the rankings' value meets the figure's own "
    "comparator (>, <), or lies within 2 points (10% for token counts) of an approximate figure."
)


def _line(c: Comparison, figure: dict) -> KeyNumber:
    verdict = "agrees" if reproduced.agrees(c, figure) else "differs"
    value = (
        f"study {stated_value(figure)}; rankings {reproduced.rankings_value(c)} "
        f"({reproduced.difference(c, figure)}, {verdict})"
    )
    period = f"study: {figure_period(figure)}; rankings: {span(c.start, c.end)}"
    return KeyNumber(c.short, value, period, "State of AI study and OpenRouter rankings", c.figure_id)


def _chart(items: list[tuple[Comparison, dict]], as_of: str) -> Chart | None:
    shares = [(c, f) for c, f in items if c.unit == "%" and reproduced.study_number(f) is not None]
    if not shares:
        return None
    labels = [c.short for c, _ in shares]
    pairs = {
        "Study (as stated)": [reproduced.study_number(f) for _, f in shares],
        "Rankings (closest period)": [round(c.value, 2) for c, _ in shares],
    }
    texts = {"Study (as stated)": [primary_value(f["value_text"]) for _, f in shares]}
    title = "The study's shares beside the rankings' own"
    source = f"{cite.study(['open-vs-closed', 'reasoning']).text} {cite.openrouter(as_of).text}"
    fig = charts.paired_bars(
        labels,
        pairs,
        title=title,
        subtitle="percent of tokens; each figure's period and the rankings' days are in the table",
        source=source,
        xlabel="% of tokens",
        texts=texts,
    )
    alt = f"{title}: " + "; ".join(
        f"{label} study {s} vs rankings {r}" for label, s, r in zip(labels, *pairs.values(), strict=True)
    )
    return Chart(charts.render_png(fig), title, "bars", alt, labels, pairs)


def study_check_answer(data: Data, q: Question) -> Answer:
    """Set each measurable study figure beside the rankings' value, with the difference and why it differs."""
    measured = reproduced.for_data(data)
    items = [(c, data.figures[c.figure_id]) for c in measured.values()]
    if not items:
        raise NoData("The store holds no study figure that the rankings can measure.")
    lines = [_line(c, f) for c, f in items]
    agreeing = sum(reproduced.agrees(c, f) for c, f in items)
    headline = (
        f"Of {len(items)} study figures the rankings can measure, {agreeing} agree with the rankings' own value; "
        "the rest differ mostly because the rankings see only each day's top 50 models."
    )
    keys = [line for line in lines if line.ref in HEADLINE_FIGURES]
    table = [["figure", "study", "study period", "rankings", "rankings period", "difference", "why it may differ"]]
    table += [
        [
            c.short,
            stated_value(f),
            figure_period(f),
            reproduced.rankings_value(c),
            span(c.start, c.end),
            reproduced.difference(c, f),
            "; ".join(c.why),
        ]
        for c, f in items
    ]
    as_of = as_of_of(filter_period(data.frame, None, STUDY_END))  # the rows the comparisons read
    return Answer(
        q.topic,
        q.text,
        headline,
        "the study's periods, and the rankings' days closest to each",
        keys,
        [],
        METHOD,
        [cite.study(sorted({f["topic"] for _, f in items})), cite.openrouter(as_of), cite.labels()],
        _chart(items, as_of),
        table,
        f"topic {q.topic}" + (f"; {q.period_label} (the comparisons keep their own periods)" if q.period_label else ""),
        [line for line in lines if line.ref not in HEADLINE_FIGURES],
    )
