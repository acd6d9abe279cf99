"""The value every answer returns: what the CLI prints and what the chat adapter renders."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class KeyNumber:
    label: str
    value: str
    period: str
    source: str  # short name of the citation it comes from
    ref: str = "rankings"  # "rankings", or the id of the study figure it quotes


@dataclass(frozen=True)
class Chart:
    png: bytes
    title: str
    kind: str  # "stacked-share", "lines", "bars", "points"
    alt_text: str
    x: list[str]
    series: dict[str, list[float | None]]
    anchors: list[dict] = field(default_factory=list)  # report figures drawn as points, with their periods


@dataclass(frozen=True)
class Citation:
    key: str
    text: str
    url: str


@dataclass(frozen=True)
class Answer:
    topic: str
    question: str
    headline: str
    period: str
    key_numbers: list[KeyNumber]
    changes: list[str]
    method: str
    citations: list[Citation]
    chart: Chart | None = None
    table: list[list[str]] = field(default_factory=list)  # header row first
    understood: str = ""  # what the question was read as, said back to the user
    study_figures: list[KeyNumber] = field(default_factory=list)  # the study's anchors beside rankings numbers
    findings: list[KeyNumber] = field(default_factory=list)  # the study's figures the question named: shown first

    def finding_lines(self) -> list[str]:
        """The named study figures as lines, before everything else."""
        return [f"{k.label.removeprefix('Study: ')}: {k.value} ({k.period}; {k.source})" for k in self.findings]

    def text(self) -> str:
        """Plain-text rendering (CLI output and a chat notification's fallback)."""
        lines = []
        if self.findings:
            lines += ["From the State of AI study:"] + [f"• {line}" for line in self.finding_lines()] + [""]
        lines += [self.headline, ""]
        lines += [f"• {k.label}: {k.value} ({k.period}; {k.source})" for k in self.key_numbers]
        if self.study_figures:
            lines += ["", "The State of AI study, for comparison:"]
            lines += [f"• {k.label}: {k.value} ({k.period}; {k.source})" for k in self.study_figures]
        if self.changes:
            lines += ["", "What changed:"] + [f"• {c}" for c in self.changes]
        lines += ["", f"Method: {self.method}"] + [c.text for c in self.citations]
        if self.understood:
            lines += ["", f"Understood as: {self.understood}"]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """JSON-ready view: the numbers, periods and sources, and the data behind the chart (not its bytes)."""
        chart = None
        if self.chart:
            chart = {
                "title": self.chart.title,
                "kind": self.chart.kind,
                "alt_text": self.chart.alt_text,
                "x": self.chart.x,
                "series": self.chart.series,
                "anchors": self.chart.anchors,
            }
        return {
            "topic": self.topic,
            "question": self.question,
            "headline": self.headline,
            "period": self.period,
            "understood": self.understood,
            "key_numbers": [vars(k) for k in self.key_numbers],
            "study_figures": [vars(k) for k in self.study_figures],
            "findings": [vars(k) for k in self.findings],
            "changes": self.changes,
            "method": self.method,
            "citations": [vars(c) for c in self.citations],
            "chart": chart,
            "table": self.table,
        }

    @classmethod
    def from_dict(cls, data: dict, png: bytes | None = None) -> Answer:
        """The inverse of to_dict, with the chart's PNG bytes given apart (saved answers keep them as a blob)."""
        chart = data["chart"]
        return cls(
            topic=data["topic"],
            question=data["question"],
            headline=data["headline"],
            period=data["period"],
            key_numbers=[KeyNumber(**k) for k in data["key_numbers"]],
            changes=list(data["changes"]),
            method=data["method"],
            citations=[Citation(**c) for c in data["citations"]],
            chart=Chart(png or b"", **chart) if chart else None,
            table=[list(row) for row in data["table"]],
            understood=data["understood"],
            study_figures=[KeyNumber(**k) for k in data["study_figures"]],
        )
