"""Requests that start after a shutdown's grace period are told to ask again at once and never post."""

from __future__ import annotations

import time

from handlers.inflight import RESTARTING, InFlight


def test_a_request_starting_after_the_grace_period_is_told_to_retry_and_never_posts():
    tracker = InFlight()
    told: list[str] = []
    now = time.monotonic()
    assert tracker.drain(now, now) == 0  # nothing in flight: the grace period ends at once
    with tracker.request("command", told.append) as request:
        assert request.state == "abandoned" and not tracker.may_post()
        raise RuntimeError("cannot schedule new futures after shutdown")  # what a stopped pool raises
    assert told == [RESTARTING]


def test_a_request_started_before_the_shutdown_may_post():
    tracker = InFlight()
    with tracker.request("command", None) as request:
        assert request.state == "building" and tracker.may_post()
