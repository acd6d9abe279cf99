"""What a topic is: its name, the words that reach it, its examples and where its numbers come from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    title: str
    summary: str
    synonyms: tuple[str, ...]
    examples: tuple[str, ...]
    dimension: str | None = None  # share dimension answered from the rankings; None for report-only topics
    figure_topics: tuple[str, ...] = ()  # topics of the study's figures table shown with the answer
    anchors: tuple[str, ...] = ()  # study figures on the chart's own scale: drawn as points and quoted
    study_keys: tuple[str, ...] = ()  # study figures quoted beside the numbers but not drawn
    asked_as: str = ""  # how people usually ask for it, in their own words (shown in the help)
    numbers_from: str = ""  # "rankings", "study" or "both"; empty: rankings for a share dimension, else study

    @property
    def source(self) -> str:
        """Where the answer's own numbers come from: 'rankings', 'study' or 'both' (set side by side)."""
        return self.numbers_from or ("rankings" if self.dimension else "study")

    @property
    def source_words(self) -> str:
        """The source as said in help and `ai-trends topics`."""
        if self.source == "both":
            return "study beside rankings"
        return "rankings + study" if self.source == "rankings" and (self.anchors or self.study_keys) else self.source
