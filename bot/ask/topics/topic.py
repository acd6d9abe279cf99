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
