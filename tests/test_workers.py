"""Answers built in worker processes equal those built inline; the same question asked at once is built once."""

from __future__ import annotations

import threading

from bot.ask import answer, pool, routes
from bot.ask.question import model_index, parse


def test_a_worker_process_builds_the_same_answer(built_paths):
    from bot.analytics.snapshot import current

    data = current(built_paths)
    question = parse("chinese models since 2025-05", data.last_day, model_index(data.model_names))
    inline = routes.build_answer(built_paths, question)
    pool.start_pool(1)
    try:
        pooled = pool.build(built_paths, question)
    finally:
        pool.stop_pool()
    assert pooled.key_numbers == inline.key_numbers and pooled.chart.series == inline.chart.series
    assert pooled.chart.png[:4] == b"\x89PNG"


def test_identical_questions_asked_at_once_are_built_once(built_paths, monkeypatch):
    builds = []
    real_build = pool.build

    def counting_build(paths, question):
        builds.append(question)
        return real_build(paths, question)

    monkeypatch.setattr(pool, "build", counting_build)
    answer.clear_cache(built_paths)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(answer.ask("reasoning in 2025", built_paths))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and len(results) == 8 and all(r is results[0] for r in results)
