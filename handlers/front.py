"""The front door in HTTP mode: a small process of its own that checks each request's Slack signature and
acknowledges it at once, then hands the request to the app process behind it, which answers it as before.

Why a process: the app's interpreter is busy posting answers and uploading charts, and a thread waiting for it
there waits behind all of that (the GIL has no priorities); here nothing else runs. Requests whose reply only
the app can give (URL verification, the OAuth pages, /healthz, a bad signature, anything unfamiliar) are passed
through to it and its reply is returned as it is."""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

from slack_sdk.signature import SignatureVerifier

from handlers import commands
from handlers.lifecycle import exit_now

log = logging.getLogger("ai-trends.front")

EVENTS_PATH = "/slack/events"
BACK_TIMEOUT = 10.0  # seconds; the app acknowledges at once, so only a stuck app takes this long
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "server", "date"}


def acknowledgement(body: str, content_type: str) -> dict | None:
    """The reply Slack gets at once for a request the app answers later (slash commands, events, button
    clicks); None for one the app must reply to itself."""
    if content_type.startswith("application/json"):
        return {} if json.loads(body or "{}").get("type") == "event_callback" else None
    form = parse_qs(body)
    if "command" in form:
        return commands.acknowledgement({"text": form.get("text", [""])[0]})
    if "payload" in form:
        return {} if json.loads(form["payload"][0]).get("type") == "block_actions" else None
    return None


class Front:
    """The WSGI application of the front door; `back` is the app's own HTTP address (http://127.0.0.1:port)."""

    def __init__(self, signing_secret: str, back: str, forwarders: int = 4) -> None:
        self.verifier = SignatureVerifier(signing_secret)
        self.back = urlsplit(back)
        self.forwarding = ThreadPoolExecutor(forwarders, thread_name_prefix="forward")

    def __call__(self, environ, start_response):
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "")
        target = path + (f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else "")
        body = _body(environ)
        headers = _headers(environ)
        ack = self._acknowledgement(method, path, body, headers)
        if ack is None:
            status, reply_headers, reply = self._send(method, target, body, headers)
            start_response(status, reply_headers)
            return [reply]
        self.forwarding.submit(self._hand_over, target, body, headers)
        payload = json.dumps(ack).encode() if ack else b""
        kind = [("Content-Type", "application/json;charset=utf-8")] if ack else []
        start_response("200 OK", [*kind, ("Content-Length", str(len(payload)))])
        return [payload]

    def _acknowledgement(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> dict | None:
        if method != "POST" or path != EVENTS_PATH:
            return None
        timestamp, signature = headers.get("X-Slack-Request-Timestamp", ""), headers.get("X-Slack-Signature", "")
        if not self.verifier.is_valid(body, timestamp, signature):
            return None  # the app refuses it in its own words
        try:
            return acknowledgement(body.decode(), headers.get("Content-Type", ""))
        except (ValueError, UnicodeDecodeError):
            return None

    def _hand_over(self, target: str, body: bytes, headers: dict[str, str]) -> None:
        try:
            status, _, _ = self._send("POST", target, body, headers)
        except OSError:
            log.exception("could not hand an acknowledged request to the app")
            return
        if not status.startswith("200"):
            log.warning("the app refused an acknowledged request: %s", status)

    def _send(self, method: str, target: str, body: bytes, headers: dict[str, str]) -> tuple[str, list, bytes]:
        connection = http.client.HTTPConnection(self.back.hostname, self.back.port, timeout=BACK_TIMEOUT)
        try:
            connection.request(method, target, body=body or None, headers=headers)
            response = connection.getresponse()
            reply = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
            return f"{response.status} {response.reason}", [*kept, ("Content-Length", str(len(reply)))], reply
        finally:
            connection.close()

    def finish(self) -> None:
        """Hand over every request already acknowledged (call once no new request can arrive)."""
        self.forwarding.shutdown(wait=True)


def _body(environ) -> bytes:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return environ["wsgi.input"].read(length) if length else b""


def _headers(environ) -> dict[str, str]:
    """The request's headers in their usual spelling (WSGI keeps them as HTTP_X_SLACK_SIGNATURE and so on)."""
    headers = {
        "-".join(part.capitalize() for part in key[5:].split("_")): value
        for key, value in environ.items()
        if key.startswith("HTTP_") and key not in ("HTTP_HOST", "HTTP_CONNECTION")
    }
    if environ.get("CONTENT_TYPE"):
        headers["Content-Type"] = environ["CONTENT_TYPE"]
    return headers


def run(port: int, back: str) -> None:
    """Serve the front door on `port` until SIGTERM or SIGINT; then stop taking requests, hand over those
    already acknowledged and return."""
    import waitress

    front = Front(os.environ.get("SLACK_SIGNING_SECRET", ""), back)
    server = waitress.create_server(front, host="0.0.0.0", port=port, threads=8)
    stopping = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stopping.set())
    threading.Thread(target=server.run, name="http", daemon=True).start()
    log.info("ai-trends front door on port %d, answering through %s", port, back)
    parent = os.getppid()
    while not stopping.wait(timeout=0.5):
        if os.getppid() != parent:  # the app behind it is gone (killed outright): nothing to hand requests to
            break
    server.accepting = False
    server.pull_trigger()
    front.finish()


def main(argv: list[str] | None = None) -> int:
    from handlers.logs import setup_logging

    parser = argparse.ArgumentParser(prog="ai-trends-front", description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--back", required=True, help="the app's own address, e.g. http://127.0.0.1:8001")
    args = parser.parse_args(argv)
    setup_logging()
    run(args.port, args.back)
    exit_now(0)  # every acknowledged request is handed over: skip the interpreter's slow teardown
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
