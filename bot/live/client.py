"""A small HTTP client for OpenRouter: paced under the rate limit, retrying 429 and 5xx, never showing the key."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

from bot.config import OpenRouterSettings
from bot.errors import RefreshFailed

USER_AGENT = "ai-trends (+https://openrouter.ai/rankings data client)"


class Client:
    """GET JSON from OpenRouter. `spend` is called before every keyed (Data API) attempt: the persisted daily budget;
    `sleep` and `clock` are injectable so tests check the pacing and backoff without waiting."""

    def __init__(
        self,
        settings: OpenRouterSettings,
        spend: Callable[[], None] = lambda: None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.spend = spend
        self.sleep = sleep
        self.clock = clock
        self.requests = 0
        self._last: float | None = None

    def redact(self, text: str) -> str:
        key = self.settings.api_key
        return text.replace(key, "[redacted]") if key else text

    def get_json(self, path: str, params: dict[str, str], what: str, auth: bool = True) -> object:
        """The decoded JSON body of a 200 response, or RefreshFailed saying what failed for `what`."""
        url = f"{self.settings.api_url}{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        return self._request_json(url, what, auth)

    def post_json(self, path: str, payload: dict, what: str) -> object:
        """POST a JSON body with the key and decode the 200 response, with the same retries and redaction."""
        return self._request_json(f"{self.settings.api_url}{path}", what, True, json.dumps(payload).encode())

    def _request_json(self, url: str, what: str, auth: bool, data: bytes | None = None) -> object:
        failure = ""
        for attempt in range(1, self.settings.max_attempts + 1):
            status, headers, body, failure = self._attempt(url, auth, what, data)
            if status == 200:
                return self._decode(body, what)
            if status is not None and status != 429 and status < 500:
                raise RefreshFailed(self.redact(f"{what}: HTTP {status}{_detail(body)}"))
            if attempt < self.settings.max_attempts:
                self.sleep(self._wait(status, headers, attempt, what))
        raise RefreshFailed(
            self.redact(f"{what}: {failure}, still failing after {self.settings.max_attempts} attempts")
        )

    def _attempt(
        self, url: str, auth: bool, what: str, data: bytes | None = None
    ) -> tuple[int | None, dict, bytes, str]:
        """One paced request: (status, headers, body, failure text); status None if no response came."""
        self._pace()
        if auth:
            self.spend()
        self.requests += 1
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
        if auth:
            # Unredirected: urllib must not forward the key if the server redirects elsewhere.
            request.add_unredirected_header("Authorization", f"Bearer {self.settings.api_key}")
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
                return response.status, dict(response.headers), response.read(), ""
        except urllib.error.HTTPError as exc:
            body = exc.read()
            return exc.code, dict(exc.headers), body, f"HTTP {exc.code}{_detail(body)}"
        except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as exc:
            # HTTPException covers a body cut off mid-way (IncompleteRead): retried like a 5xx, never half parsed.
            reason = getattr(exc, "reason", None) or type(exc).__name__
            return None, {}, b"", f"no complete response from {self.settings.api_url} ({reason})"

    def _pace(self) -> None:
        if self._last is not None:
            wait = self.settings.min_interval - (self.clock() - self._last)
            if wait > 0:
                self.sleep(wait)
        self._last = self.clock()

    def _wait(self, status: int | None, headers: dict, attempt: int, what: str) -> float:
        backoff = self.settings.backoff * 2 ** (attempt - 1)
        if status != 429:
            return backoff
        retry_after = _retry_after(headers)
        if retry_after is not None and retry_after > self.settings.max_retry_after:
            raise RefreshFailed(
                f"{what}: HTTP 429: OpenRouter asks to wait {retry_after:.0f} s (the daily limit of requests may be "
                "used up); try again later"
            )
        return backoff if retry_after is None else retry_after

    def _decode(self, body: bytes, what: str) -> object:
        try:
            return json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            where = f" at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
            raise RefreshFailed(self.redact(f"{what}: the response is not valid JSON ({reason}{where})")) from None


def _retry_after(headers: dict) -> float | None:
    value = {k.lower(): v for k, v in headers.items()}.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def _detail(body: bytes) -> str:
    """The server's error message, short, for the operator."""
    try:
        payload = json.loads(body)
        message = payload.get("error", {}).get("message") if isinstance(payload.get("error"), dict) else None
        message = message or payload.get("error") or payload.get("message")
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
        message = body.decode("utf-8", "replace").strip()
    return f": {str(message)[:200]}" if message else ""
