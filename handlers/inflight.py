"""Requests being answered: one log line each, one place for unexpected errors, and what a shutdown does to them.

Bolt runs each acknowledged request's work on `IN_FLIGHT.executor()`, which counts it from the moment it is
acknowledged; the work itself runs in `IN_FLIGHT.request(kind, notify)`. At shutdown `drain` waits a while for
all of it, then tells each asker still waiting to ask again (through `notify`) and marks the request abandoned,
so that its answer, should it still arrive, is never posted after that notice (`may_post`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass, field

from handlers.logs import log_request

log = logging.getLogger("ai-trends")
SORRY = "Something went wrong while answering. It has been logged; please try again."
RESTARTING = "ai-trends is restarting and could not finish this answer. Please ask again in a minute."


@dataclass(eq=False)
class Request:
    kind: str  # command, mention, follow-up, button, home
    notify: Callable[[str], None] | None  # tells the asker something privately or in the thread
    topic: str = "-"
    outcome: str = "answered"
    # building -> posting, or building -> abandoned (the asker was told to retry); with text first, posting ->
    # charting (the numbers are out, the chart follows) -> let-go (stopping: the chart is given up, nobody told)
    state: str = "building"
    started: float = field(default_factory=time.perf_counter)

    def ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000


_current = threading.local()


def current() -> Request | None:
    """The request this thread is answering, if any."""
    return getattr(_current, "request", None)


def note(topic: str | None = None, outcome: str | None = None) -> None:
    """Record what the current request is about and how it ended, for its log line."""
    request = current()
    if request is not None:
        request.topic = topic or request.topic
        request.outcome = outcome or request.outcome


def outcome_of(error: Exception) -> str:
    """An error's name as a log outcome: NotUnderstood -> not-understood."""
    name = type(error).__name__
    return "".join("-" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))


def _tell(request: Request, text: str) -> None:
    if request.notify is None:
        return
    try:
        request.notify(text)
    except Exception as error:  # the asker cannot be reached: the log line says so, and nothing else can be done
        log.warning("could not tell the asker (%s): %s", request.kind, type(error).__name__)


class InFlight:
    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._requests: set[Request] = set()
        self._tasks = 0  # acknowledged work submitted to the executor and not finished (started or not)
        self._closed = False  # past the grace period: work starting now cannot finish before the answers stop

    def executor(self, limit: int = 16) -> Executor:
        """Where Bolt runs the work after each acknowledgement, counted here from the moment it is submitted."""
        return _DaemonThreads(self, limit)

    def _task(self, change: int) -> None:
        with self._lock:
            self._tasks += change
            self._lock.notify_all()

    @contextmanager
    def request(self, kind: str, notify: Callable[[str], None] | None = None) -> Iterator[Request]:
        """Track one acknowledged request; an unexpected error is logged once and the asker told."""
        request = Request(kind, notify)
        with self._lock:
            self._requests.add(request)
            late = self._closed
            if late:  # began after drain() told the late askers: it is one of them
                request.state, request.outcome = "abandoned", "retry-asked"
        if late:
            _tell(request, RESTARTING)
            log_request(request.kind, request.topic, request.outcome, request.ms())
        _current.request = request
        try:
            yield request
        except Exception as error:
            if request.state == "abandoned":  # shutting down: the asker was already told to ask again
                log.info("abandoned %s ended with %s", kind, type(error).__name__)
            else:
                request.outcome = "error"
                log.error("unhandled error while answering a %s", kind, exc_info=error)
                _tell(request, SORRY)
        finally:
            _current.request = None
            with self._lock:
                self._requests.discard(request)
                self._lock.notify_all()
            if request.state not in ("abandoned", "let-go"):  # drain() logged it when it gave up on it
                log_request(request.kind, request.topic, request.outcome, request.ms())

    def charting(self) -> None:
        """The current request's numbers are posted and only its chart remains: at shutdown nobody need be told
        anything and nothing waits for it past the grace period."""
        request = current()
        if request is not None:
            with self._lock:
                request.state = "charting"
                self._lock.notify_all()

    def may_add_chart(self) -> bool:
        """Called before each step of adding a chart: False once a shutdown has let the chart go."""
        request = current()
        return request is None or request.state != "let-go"

    def may_post(self) -> bool:
        """Called right before posting an answer: False if the asker was already told to ask again."""
        request = current()
        if request is None:
            return True
        with self._lock:
            if request.state == "abandoned":
                return False
            request.state = "posting"
            return True

    def pending(self) -> int:
        with self._lock:
            return len(self._requests)

    def drain(self, grace_until: float, deadline: float) -> int:
        """Wait (until `grace_until`, monotonic) for all acknowledged work to finish; tell those still building
        an answer to ask again; wait for those already posting until `deadline`. Returns how many were told."""
        with self._lock:
            self._lock.wait_for(lambda: not self._tasks, timeout=max(0.0, grace_until - time.monotonic()))
            late = [r for r in self._requests if r.state == "building"]
            for request in late:
                request.state = "abandoned"
                request.outcome = "retry-asked"
            let_go = [r for r in self._requests if r.state == "charting"]
            for request in let_go:
                request.state = "let-go"
                request.outcome = "answered-without-chart"
            self._closed = True
        for request in let_go:
            log_request(request.kind, request.topic, request.outcome, request.ms())
        for request in late:
            _tell(request, RESTARTING)
            log_request(request.kind, request.topic, request.outcome, request.ms())
        with self._lock:
            self._lock.wait_for(
                lambda: self._tasks == sum(r.state in ("abandoned", "let-go") for r in self._requests),
                timeout=max(0.0, deadline - time.monotonic()),
            )
            unstarted = self._tasks - len(self._requests)
        if unstarted > 0:
            log.warning("%d acknowledged request(s) never started before the shutdown", unstarted)
        return len(late)


class _DaemonThreads(Executor):
    """Each task in a daemon thread, at most `limit` at a time. Unlike a ThreadPoolExecutor, whose threads the
    interpreter joins at exit, an answer stuck on the network never holds a stopping process: by then its asker
    has been told to ask again."""

    def __init__(self, tracker: InFlight, limit: int) -> None:
        self._tracker = tracker
        self._slots = threading.BoundedSemaphore(limit)

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        self._tracker._task(+1)

        def run() -> None:
            try:
                with self._slots:
                    if future.set_running_or_notify_cancel():
                        try:
                            future.set_result(fn(*args, **kwargs))
                        except BaseException as error:  # the future carries it, as ThreadPoolExecutor's do
                            future.set_exception(error)
            finally:
                self._tracker._task(-1)

        threading.Thread(target=run, name="listener", daemon=True).start()
        return future


IN_FLIGHT = InFlight()  # one per process: the listeners register here, serve() drains it at shutdown
