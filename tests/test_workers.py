"""Answers built in worker processes equal those built inline; the same question asked at once is built once."""

from __future__ import annotations

import threading

from bot import answer, workers
from bot.question import parse


def test_a_worker_process_builds_the_same_answer(built_paths):
    from bot.data import current

    data = current(built_paths)
    question = parse("chinese models since 2025-05", data.last_day, data.model_index)
    inline = answer.build_answer(built_paths, question)
    workers.start_pool(1)
    try:
        pooled = workers.build(built_paths, question)
    finally:
        workers.stop_pool()
    assert pooled.key_numbers == inline.key_numbers and pooled.chart.series == inline.chart.series
    assert pooled.chart.png[:4] == b"\x89PNG"


def test_identical_questions_asked_at_once_are_built_once(built_paths, monkeypatch):
    builds = []
    real_build = workers.build

    def counting_build(paths, question):
        builds.append(question)
        return real_build(paths, question)

    monkeypatch.setattr(workers, "build", counting_build)
    answer.clear_cache()
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(answer.ask("reasoning in 2025", built_paths))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and len(results) == 8 and all(r is results[0] for r in results)
