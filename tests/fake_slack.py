"""A local fake of the Slack Web API (and of response_url), over real HTTP, that records every call.

It implements what ai-trends uses and can be told to fail: an error code for a method, HTTP 429 with
Retry-After, a slow method, a channel the bot is not in, an archived channel, a revoked token, or a file that
needs time before it can be shown. Several workspaces can install the app (`add_workspace` and oauth.v2.access);
auth.test then names each token's workspace, and a workspace's token can be revoked on its own. Messages are
checked against Block Kit limits (50 blocks, the data_table's), and a block type can be refused. It keeps the
messages posted (with their metadata) for conversations.history and conversations.replies, and can enforce
Slack's posting limit: one message per channel per `channel_spacing` seconds and at most `workspace_per_second`
messages a second, answering 429 with Retry-After beyond them.
"""

from __future__ import annotations

import base64
import itertools
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

BOT_USER = "UBOT0001"
BOT_ID = "BBOT0001"
CLIENT_ID, CLIENT_SECRET = "1111.2222", "fake-client-secret"


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the stdlib's 5 resets connections when many requests arrive at once
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that went away mid-answer (an app stopped while a slow call was in flight) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Call:
    method: str
    params: dict
    headers: dict
    status: int = 200
    at: float = field(default_factory=time.monotonic)
    wall: float = field(default_factory=time.time)
    ok: bool = True  # the answer's "ok": False when Slack refused (invalid_blocks, not_in_channel, ...)


def _blocks_of(params: dict) -> list[dict]:
    blocks = params.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else blocks


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.files: dict[str, dict] = {}
        self.member_of: set[str] | None = None  # None: the bot is in every channel
        self.errors: dict[str, list[str]] = {}
        self.rate_limits: dict[str, list[int]] = {}
        self.delays: dict[str, float] = {}
        self.file_ready_after = 0  # postMessage attempts that see a new file as still processing
        self.messages: list[dict] = []  # accepted chat.postMessage calls: channel, ts, thread_ts, text, metadata
        self.archived: set[str] = set()
        self.revoked = False
        self.revoked_tokens: set[str] = set()
        self.installs: dict[str, dict] = {}  # OAuth code -> the workspace it installs into, with its bot token
        self.token_teams: dict[str, str] = {}  # bot token -> workspace (team) id; other tokens are T0001's
        self.refused_blocks: set[str] = set()  # block types this "workspace" does not accept (invalid_blocks)
        self.user_tz: dict[str, str] = {}
        self.channel_spacing: float | None = None
        self.workspace_per_second: int | None = None
        self._last_post: dict[str, float] = {}
        self._recent_posts: list[float] = []
        self._last_ts = 0.0
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # ---- control -------------------------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}/response/{name}"

    def add_workspace(self, team: str, name: str = "") -> tuple[str, str]:
        """A workspace that will install the app: (the OAuth code Slack would send back, its bot token)."""
        token = f"xoxb-fake-{team.lower()}-token"
        self.installs[f"code-{team}"] = {"team": {"id": team, "name": name or team}, "access_token": token}
        self.token_teams[token] = team
        return f"code-{team}", token

    def token_of(self, call: Call) -> str:
        return (call.headers.get("Authorization") or "").removeprefix("Bearer ")

    def fail(self, method: str, error: str, times: int = 1) -> None:
        self.errors.setdefault(method, []).extend([error] * times)

    def rate_limit(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        self.rate_limits.setdefault(method, []).extend([retry_after] * times)

    def of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.of(method)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        raise AssertionError(f"expected {count} {method} call(s), got {len(self.of(method))}: {self.methods()}")

    def methods(self) -> list[str]:
        with self._lock:
            return [c.method for c in self.calls]

    # ---- API -----------------------------------------------------------------------------------------------
    def _answer(self, method: str, params: dict, auth: str = "") -> tuple[int, dict, dict]:
        if method == "oauth.v2.access":
            return 200, self._oauth_v2_access(params, auth), {}
        token = params.get("token") or auth.removeprefix("Bearer ")
        if token in self.revoked_tokens:
            return 200, {"ok": False, "error": "token_revoked"}, {}
        if method == "auth.test":
            params = params | {"_token": token}
        if self.rate_limits.get(method):
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(self.rate_limits[method].pop(0))}
        if method == "chat.postMessage" and self._over_posting_limit(params.get("channel")):
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"}
        if self.revoked:
            return 200, {"ok": False, "error": "token_revoked"}, {}
        if self.errors.get(method):
            return 200, {"ok": False, "error": self.errors[method].pop(0)}, {}
        time.sleep(self.delays.get(method, 0))
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        return 200, handler(params), {}

    def _over_posting_limit(self, channel: str | None) -> bool:
        """Slack's chat.postMessage limit: about one message a second per channel, and a workspace-wide cap."""
        with self._lock:
            now = time.monotonic()
            if self.channel_spacing and now - self._last_post.get(channel, -1e9) < self.channel_spacing:
                return True
            self._recent_posts = [t for t in self._recent_posts if now - t < 1.0]
            if self.workspace_per_second and len(self._recent_posts) >= self.workspace_per_second:
                return True
            self._last_post[channel] = now
            self._recent_posts.append(now)
            return False

    def _next_ts(self) -> str:
        """Message timestamps as Slack makes them: the time of posting, unique per message."""
        with self._lock:
            self._last_ts = max(time.time(), self._last_ts + 0.000001)
            return f"{self._last_ts:.6f}"

    def posted(self, channel: str | None = None, thread_ts: str | None = None, top_level: bool = False) -> list[dict]:
        """Messages accepted so far, optionally in one channel, one thread, or only those not in a thread."""
        with self._lock:
            found = [m for m in self.messages if channel is None or m["channel"] == channel]
        if thread_ts:
            found = [m for m in found if m["thread_ts"] == thread_ts]
        if top_level:
            found = [m for m in found if not m["thread_ts"]]
        return found

    def _auth_test(self, params: dict) -> dict:
        team = self.token_teams.get(params.get("_token"), "T0001")
        return {"ok": True, "user_id": BOT_USER, "bot_id": BOT_ID, "team_id": team, "user": "ai-trends"}

    def _oauth_v2_access(self, params: dict, auth: str) -> dict:
        """Slack's answer to an install: the client authenticates with HTTP Basic, the code names the workspace."""
        client = base64.b64decode(auth.removeprefix("Basic ") or b"").decode()
        if client != f"{CLIENT_ID}:{CLIENT_SECRET}":
            return {"ok": False, "error": "invalid_client_id"}
        install = self.installs.pop(params.get("code") or "", None)  # a code works once
        if install is None:
            return {"ok": False, "error": "invalid_code"}
        return {
            "ok": True,
            "app_id": "A0001",
            "authed_user": {"id": "U0INSTALLER"},
            "scope": "app_mentions:read,chat:write,commands",
            "token_type": "bot",
            "bot_user_id": BOT_USER,
            "enterprise": None,
            "is_enterprise_install": False,
        } | install

    def _channel_error(self, channel: str | None) -> dict | None:
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if self.member_of is not None and channel not in self.member_of and not channel.startswith("U"):
            return {"ok": False, "error": "not_in_channel"}
        if channel in self.archived:
            return {"ok": False, "error": "is_archived"}
        return None

    def _blocks_refused(self, blocks: list[dict]) -> dict | None:
        """Slack's answer to blocks it will not show (an image still being processed, too many blocks, ...)."""
        for block in blocks:
            file_id = (block.get("slack_file") or {}).get("id")
            if block.get("type") == "image" and not self._file_ready(file_id):
                return {"ok": False, "error": "invalid_blocks", "errors": ["invalid slack file"]}
        if len(blocks) > 50:
            return {"ok": False, "error": "invalid_blocks", "errors": ["no more than 50 items allowed"]}
        problems = [p for block in blocks for p in block_problems(block, self.refused_blocks)]
        if problems:
            return {"ok": False, "error": "invalid_blocks", "errors": problems}
        return None

    def _chat_postMessage(self, params: dict) -> dict:
        error = self._channel_error(params.get("channel"))
        if error:
            return error
        blocks = params.get("blocks") or []
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
        if refused := self._blocks_refused(blocks):
            return refused
        ts = self._next_ts()
        metadata = params.get("metadata")
        metadata = json.loads(metadata) if isinstance(metadata, str) else metadata
        message = {
            "channel": params["channel"],
            "ts": ts,
            "thread_ts": params.get("thread_ts"),
            "text": params.get("text"),
            "blocks": blocks,
            "metadata": metadata,
        }
        with self._lock:
            self.messages.append(message)
        return {"ok": True, "channel": params["channel"], "ts": ts, "message": {"ts": ts, "text": params.get("text")}}

    def _listing(self, params: dict, thread_ts: str | None) -> dict:
        oldest = float(params.get("oldest") or 0)
        with_metadata = str(params.get("include_all_metadata")).lower() in ("1", "true")
        found = [
            m
            for m in self.posted(params.get("channel"))
            if float(m["ts"]) >= oldest and (m["thread_ts"] == thread_ts or (thread_ts and m["ts"] == thread_ts))
        ]
        limit = int(params.get("limit") or 15)
        out = [
            {"type": "message", "ts": m["ts"], "text": m["text"], "user": BOT_USER, "bot_id": BOT_ID}
            | ({"metadata": m["metadata"]} if with_metadata and m["metadata"] else {})
            for m in sorted(found, key=lambda m: float(m["ts"]), reverse=thread_ts is None)[:limit]
        ]
        return {"ok": True, "messages": out, "has_more": len(found) > limit}

    def _conversations_history(self, params: dict) -> dict:
        return self._channel_error(params.get("channel")) or self._listing(params, None)

    def _conversations_replies(self, params: dict) -> dict:
        return self._channel_error(params.get("channel")) or self._listing(params, params.get("ts"))

    def _users_info(self, params: dict) -> dict:
        user = params.get("user")
        return {"ok": True, "user": {"id": user, "tz": self.user_tz.get(user, "Europe/Berlin")}}

    def _file_ready(self, file_id: str | None) -> bool:
        entry = self.files.get(file_id or "")
        if entry is None or not entry.get("completed"):
            return False
        entry["checks"] += 1
        return entry["checks"] > self.file_ready_after

    def _chat_postEphemeral(self, params: dict) -> dict:
        return self._channel_error(params.get("channel")) or {"ok": True, "message_ts": "1700000000.000000"}

    def _chat_update(self, params: dict) -> dict:
        """Replace a posted message's text and blocks, refusing what chat.postMessage would refuse."""
        blocks = params.get("blocks") or []
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
        if refused := self._blocks_refused(blocks):
            return refused
        with self._lock:
            found = [m for m in self.messages if m["channel"] == params.get("channel") and m["ts"] == params.get("ts")]
            if not found:
                return {"ok": False, "error": "message_not_found"}
            found[0].update(text=params.get("text"), blocks=blocks)
        return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts")}

    def _files_getUploadURLExternal(self, params: dict) -> dict:
        file_id = f"F{next(self._ids):09d}"
        self.files[file_id] = {
            "name": params.get("filename"),
            "length": int(params.get("length", 0)),
            "bytes": None,
            "completed": False,
            "checks": 0,
        }
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(self, params: dict) -> dict:
        files = json.loads(params["files"]) if isinstance(params.get("files"), str) else params.get("files")
        channel = params.get("channel_id")
        if channel and (error := self._channel_error(channel)):
            return error
        out = []
        for item in files:
            entry = self.files.get(item["id"])
            if entry is None or entry["bytes"] is None:
                return {"ok": False, "error": "file_upload_not_found"}
            entry |= {
                "completed": True,
                "title": item.get("title"),
                "channel": channel,
                "thread_ts": params.get("thread_ts"),
            }
            out.append({"id": item["id"], "title": item.get("title"), "name": entry["name"]})
        return {"ok": True, "files": out}

    def _files_info(self, params: dict) -> dict:
        entry = self.files.get(params.get("file", ""))
        if entry is None:
            return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "file": {"id": params["file"], "title": entry.get("title"), "mimetype": "image/png"}}

    def _views_publish(self, params: dict) -> dict:
        return {"ok": True, "view": {"id": "V0001"}}

    def _conversations_info(self, params: dict) -> dict:
        channel = params.get("channel")
        return {
            "ok": True,
            "channel": {
                "id": channel,
                "is_member": self.member_of is None or channel in self.member_of,
                "is_archived": channel in self.archived,
            },
        }

    # ---- HTTP ----------------------------------------------------------------------------------------------
    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                """/_calls: what was recorded, for a benchmark running the fake in another process."""
                with fake._lock:
                    calls = [
                        {
                            "method": c.method,
                            "channel": c.params.get("channel"),
                            "wall": c.wall,
                            "status": c.status,
                            "ok": c.ok,
                            "image": any(b.get("type") == "image" for b in _blocks_of(c.params)),
                        }
                        for c in fake.calls
                    ]
                payload = json.dumps(calls).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/upload/"):
                    return self._upload(raw)
                if self.path.startswith("/response/"):  # _name: which asker's response_url it was
                    params = json.loads(raw or b"{}") | {"_name": self.path.rsplit("/", 1)[-1]}
                    return self._record("response_url", params, 200, {"ok": True}, {})
                method = self.path.removeprefix("/api/")
                params = fake_params(self.headers.get("Content-Type", ""), raw)
                status, body, headers = fake._answer(method, params, self.headers.get("Authorization") or "")
                self._record(method, params, status, body, headers)

            def _upload(self, raw: bytes) -> None:
                file_id = self.path.rsplit("/", 1)[-1]
                if file_id in fake.files:
                    fake.files[file_id]["bytes"] = raw
                self._record("upload", {"file_id": file_id, "size": len(raw)}, 200, "OK", {})

            def _record(self, method: str, params: dict, status: int, body, headers: dict) -> None:
                with fake._lock:
                    ok = body.get("ok", True) if isinstance(body, dict) else True
                    fake.calls.append(Call(method, params, dict(self.headers), status, ok=ok))
                payload = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain" if isinstance(body, str) else "application/json")
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler


def block_problems(block: dict, refused: set[str]) -> list[str]:
    """What Slack would say is wrong with a block; the data_table's documented limits are checked."""
    if block.get("type") in refused:
        return [f"unsupported type: {block['type']}"]
    if block.get("type") != "data_table":
        return []
    rows = block.get("rows") or []
    cells = [cell for row in rows for cell in row]
    problems = []
    if not block.get("caption"):
        problems.append("caption is required")
    if not 2 <= len(rows) <= 101 or not 1 <= len(rows[0]) <= 20 or len({len(row) for row in rows}) != 1:
        problems.append("2 to 101 rows of 1 to 20 cells, all rows the same length")
    if any(cell.get("type") != "raw_text" for cell in rows[0] if rows):
        problems.append("header cells must be raw_text")
    if any(cell.get("type") not in ("raw_text", "raw_number", "rich_text") for cell in cells):
        problems.append("cells are raw_text, raw_number or rich_text")
    if any(cell.get("type") != "rich_text" and not cell.get("text") for cell in cells):
        problems.append("a cell's text must not be empty")
    if sum(len(cell.get("text", "")) for cell in cells) > 10_000:
        problems.append("at most 10,000 characters across all cells")
    return problems


def fake_params(content_type: str, raw: bytes) -> dict:
    if "json" in content_type:
        return json.loads(raw or b"{}")
    return {key: values[-1] for key, values in parse_qs(raw.decode()).items()}


if __name__ == "__main__":  # run on its own: python -m tests.fake_slack, prints its URL and serves until killed
    import argparse

    parser = argparse.ArgumentParser(description="A fake Slack Web API that records calls (GET /_calls)")
    parser.add_argument("--channel-spacing", type=float, help="seconds between two messages in one channel")
    parser.add_argument("--workspace-per-second", type=int, help="messages a second across the workspace")
    args = parser.parse_args()
    server = FakeSlack()
    server.channel_spacing, server.workspace_per_second = args.channel_spacing, args.workspace_per_second
    print(server.url, flush=True)
    server.server.serve_forever()
