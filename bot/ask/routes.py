"""Which answer function serves a topic, and building one answer from the store with no cache in between.

Kept apart from `bot.ask.answer` (the cache) so that the worker pool's processes import only this."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from bot.analytics import snapshot
from bot.ask import topics
from bot.ask.answers import combined, models, pricing, report, shares, study_check, volume
from bot.ask.answers.lead import with_findings
from bot.ask.question import Question
from bot.ask.reply import Answer
from bot.config import Paths


def route(q: Question) -> Callable[[snapshot.Data, Question], Answer]:
    if q.topic == "model" and not q.model:
        return models.which_model
    if q.within:
        return combined.combined_answer
    if q.topic == "top-models":
        return models.top_models_answer
    if q.topic == "model":
        return models.model_answer
    if q.topic == "volume":
        return volume.volume_answer
    if q.topic == "study-vs-rankings":
        return study_check.study_check_answer
    if q.topic == "pricing":
        return pricing.pricing_answer
    if topics.get(q.topic).dimension:
        return shares.share_answer
    return report.report_answer


def build_answer(paths: Paths, q: Question) -> Answer:
    """Compute an answer from the store (no cache); runs in a worker process when the server has a pool."""
    current = snapshot.current(paths)
    return with_stale_note(with_findings(route(q)(current, q), current, q), current)


def with_stale_note(answer: Answer, current: snapshot.Data) -> Answer:
    """While refreshes fail, every rankings answer says how old its data is (the citation keeps its form)."""
    if current.stale_note and any(c.key == "openrouter" for c in answer.citations):
        return dataclasses.replace(answer, changes=[*answer.changes, current.stale_note])
    return answer
