"""The study's figures a question names, put first in its topic's answer (found by bot.ask.findings)."""

from __future__ import annotations

import dataclasses

from bot.analytics.snapshot import Data
from bot.ask import cite
from bot.ask.question import Question
from bot.ask.reply import Answer
from bot.ask.study import key_number


def with_findings(answer: Answer, data: Data, q: Question) -> Answer:
    """Lead with the named figures; only figures the study itself states are quoted as the study's."""
    rows = [data.figures[i] for i in q.lead if i in data.figures and data.figures[i]["statable"]]
    if not rows:
        return answer
    citations = list(answer.citations)
    if not any(c.key == "study" for c in citations):
        citations.append(cite.study([row["topic"] for row in rows]))
    shown = {k.ref for k in answer.findings}
    findings = [key_number(row) for row in rows if row["id"] not in shown]
    others = [k for k in answer.study_figures if k.ref not in {row["id"] for row in rows}]
    return dataclasses.replace(answer, findings=findings, citations=citations, study_figures=others)
