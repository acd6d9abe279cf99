"""A local fake of OpenRouter's Data API (rankings-daily) and models list, over real HTTP on 127.0.0.1.

It serves the documented shapes and rules (bearer key, YYYY-MM-DD bounds, start clamped to 2025-01-01, 400 for an
end before it or a span over 366 days, rows sorted by date then tokens with 'other' last, total_tokens as strings)
and can be scripted per request: 429 with Retry-After, 500, malformed JSON, a body cut off mid-way, a window it
does not cover.
"""

from __future__ import annotations

import contextlib
import json
import random
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FIRST_DAY = date(2025, 1, 1)
MAX_SPAN_DAYS = 366


@dataclass
class Scripted:
    """One canned reply for the next rankings request: a status with headers, or a raw body."""

    status: int = 200
    headers: dict | None = None
    body: bytes | None = None
    shift_window: bool = False  # answer for a different window than asked (a partial/misrouted response)


class FakeOpenRouter:
    def __init__(self, key: str = "sk-or-test-key", as_of: str = "2026-11-29T02:00:00Z") -> None:
        self.key = key
        self.as_of = as_of
        self.days: dict[str, dict[str, int]] = {}  # date -> slug -> tokens
        self.models: list[dict] = []
        self.models_status = 200  # set to 500 (or any error) to make the model list fail
        self.script: list[Scripted | None] = []  # consumed one per rankings request; None = answer normally
        self.tokens_as_strings = True
        self.requests: list[dict] = []
        self.completions: list[dict | Scripted] = []  # chat completions: the structured answers, one per request
        self.chat_delay = 0.0  # seconds before a chat completion answers
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        # A short poll interval: shutdown() waits for it, once per test.
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    def start(self) -> FakeOpenRouter:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ---- data ----------------------------------------------------------------------------------------------
    def set_day(self, day: str, tokens: dict[str, int]) -> None:
        self.days[day] = dict(tokens)

    def rankings_requests(self) -> list[dict]:
        with self._lock:
            return [r for r in self.requests if r["path"].endswith("rankings-daily")]

    # ---- API -----------------------------------------------------------------------------------------------
    def rankings(self, query: dict[str, str], auth: str | None) -> tuple[int, dict, bytes]:
        if auth != f"Bearer {self.key}":
            # Echo what arrived, as a careless server might: the client must still never show the key.
            return _json(401, {"error": {"code": 401, "message": f"No auth credentials found ({auth})"}})
        start, end = _parse(query.get("start_date")), _parse(query.get("end_date"))
        if start is None or end is None:
            return _json(400, {"error": {"code": 400, "message": "start_date and end_date must be YYYY-MM-DD"}})
        if end < FIRST_DAY:
            return _json(400, {"error": {"code": 400, "message": "end_date must be on or after 2025-01-01"}})
        start = max(start, FIRST_DAY)
        if start > end or (end - start).days > MAX_SPAN_DAYS:
            return _json(400, {"error": {"code": 400, "message": "invalid window"}})
        with self._lock:
            scripted = self.script.pop(0) if self.script else None
        if scripted and scripted.shift_window:
            start += timedelta(days=1)
        elif scripted:
            return scripted.status, scripted.headers or {}, scripted.body or b'{"error": {"message": "scripted"}}'
        return _json(200, self._window(start, end))

    def _window(self, start: date, end: date) -> dict:
        data = []
        for day in sorted(d for d in self.days if start.isoformat() <= d <= end.isoformat()):
            ranked = sorted(((t, s) for s, t in self.days[day].items() if s != "other"), key=lambda p: (-p[0], p[1]))
            rows = [(s, t) for t, s in ranked] + (
                [("other", self.days[day]["other"])] if "other" in self.days[day] else []
            )
            for slug, tokens in rows:
                data.append(
                    {
                        "date": day,
                        "model_permaslug": slug,
                        "total_tokens": str(tokens) if self.tokens_as_strings else tokens,
                    }
                )
        meta = {"as_of": self.as_of, "start_date": start.isoformat(), "end_date": end.isoformat(), "version": "v1"}
        return {"data": data, "meta": meta}

    def chat(self, body: dict, auth: str | None) -> tuple[int, dict, bytes]:
        """Chat completions with structured output: the scripted JSON object as the message's content."""
        if auth != f"Bearer {self.key}":
            return _json(401, {"error": {"code": 401, "message": f"No auth credentials found ({auth})"}})
        schema = (body.get("response_format") or {}).get("json_schema") or {}
        if body.get("response_format", {}).get("type") != "json_schema" or not schema.get("strict"):
            return _json(400, {"error": {"code": 400, "message": "expected a strict json_schema response_format"}})
        with self._lock:
            scripted = self.completions.pop(0) if self.completions else {"topic": "unknown"}
        if isinstance(scripted, Scripted):
            return scripted.status, scripted.headers or {}, scripted.body or b'{"error": {"message": "scripted"}}'
        content = {"model": None, "groups": [], "start": None, "end": None, "top_n": None, "compare": False}
        message = {"role": "assistant", "content": json.dumps(content | scripted)}
        return _json(200, {"id": "gen-1", "choices": [{"message": message, "finish_reason": "stop"}]})

    def chat_requests(self) -> list[dict]:
        with self._lock:
            return [r for r in self.requests if r["path"].endswith("chat/completions")]

    # ---- HTTP ----------------------------------------------------------------------------------------------
    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                auth = self.headers.get("Authorization")
                with fake._lock:
                    fake.requests.append({"path": parts.path, "query": query, "auth": auth})
                if parts.path == "/api/v1/datasets/rankings-daily":
                    status, headers, body = fake.rankings(query, auth)
                elif parts.path == "/api/v1/models":
                    status, headers, body = _json(fake.models_status, {"data": fake.models})
                else:
                    status, headers, body = _json(404, {"error": {"message": "not found"}})
                self._send(status, headers, body)

            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                auth = self.headers.get("Authorization")
                with fake._lock:
                    fake.requests.append({"path": parts.path, "body": body, "auth": auth})
                time.sleep(fake.chat_delay)
                if parts.path == "/api/v1/chat/completions":
                    self._send(*fake.chat(body, auth))
                else:
                    self._send(*_json(404, {"error": {"message": "not found"}}))

            def _send(self, status: int, headers: dict, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for key, value in headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in headers:  # a scripted larger length cuts the body off mid-way
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                # The client may have given up waiting (the language model's time budget).
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        return Handler


def _json(status: int, payload: dict) -> tuple[int, dict, bytes]:
    return status, {}, json.dumps(payload).encode()


def _parse(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text and len(text) == 10 else None
    except ValueError:
        return None


def synthetic_days(start: date, end: date, slugs: list[str], seed: int = 1) -> dict[str, dict[str, int]]:
    """A top-50 day per date for the given slugs (the first 50 used), plus 'other', with stable random tokens."""
    rng = random.Random(seed)
    days, day = {}, start
    while day <= end:
        tokens = {slug: rng.randint(10_000_000, 9_000_000_000) for slug in slugs[:50]}
        tokens["other"] = rng.randint(20_000_000_000, 60_000_000_000)
        days[day.isoformat()] = tokens
        day += timedelta(days=1)
    return days
