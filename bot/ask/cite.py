"""Citations in the form each source's licence asks for, and plain words for the study's confidence codes."""

from __future__ import annotations

from bot.ask.reply import Citation

STUDY_URL = "https://openrouter.ai/state-of-ai"
CONFIDENCE_WORDS = {
    "R-EN": "stated in the study",
    "R-TR": "stated in the study (read via a full translation)",
    "DER": "worked out from the study's stated figures",
    "SEC": "a secondary source's account, not the study's wording",
    "SEC-CHART": "a third party's reading of a chart, not a number the study states",
    "CLAIM": "a press claim checked against the study",
    "CONFLICT": "a press claim that contradicts the study",
    "NOTE": "a note on the figures",
}


def openrouter(as_of: str) -> Citation:
    return Citation(
        "openrouter",
        f"Source: OpenRouter (openrouter.ai/rankings), as of {as_of}. Licensed under CC BY 4.0.",
        "https://openrouter.ai/rankings",
    )


def study(sections: list[str]) -> Citation:
    where = ", ".join(dict.fromkeys(sections)) or "overview"
    return Citation(
        "study",
        f"Source: State of AI: An Empirical 100 Trillion Token Study with OpenRouter (OpenRouter and a16z, "
        f"Dec 2025), {where}; {STUDY_URL} (arXiv 2601.10088).",
        STUDY_URL,
    )


def labels() -> Citation:
    return Citation(
        "labels",
        "Open/closed labels: aadhavr/open-router, data/manual_labels.csv (hand-checked), with ai-trends' "
        "model catalogue for the rest.",
        "https://github.com/aadhavr/open-router",
    )
