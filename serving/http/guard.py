"""One pure-ASGI middleware in front of the app: API keys, body size, body decoding (UTF-8, JSON, valid Unicode),
metrics, the access log (method, route, status, latency: never a query string) and a last catch so no
traceback or note text ever reaches a response or a log. uvicorn's own access log is off (`medkiln serve`)."""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import time
from base64 import b64decode
from typing import Any

from medkiln.core.errors import MedkilnError
from ..io.records import lone_surrogate
from .metrics import Metrics
from .settings import Settings

log = logging.getLogger("medkiln.serving.http")

OPEN_PATHS = frozenset({"/healthz", "/readyz", "/health", "/"})
ERROR_HEADER = "x-medkiln-error"
INSTANCE_HEADER = b"x-medkiln-instance"


def error_body(err: MedkilnError, **extra: Any) -> dict:
    return {"error": {"code": err.code, "message": err.message, **extra}}


async def send_json(send: Any, status: int, body: dict, code: str | None = None) -> None:
    data = json.dumps(body).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    if code:
        headers.append((ERROR_HEADER.encode(), code.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


def _header(scope: dict, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def presented_key(scope: dict) -> str | None:
    """The API key from X-API-Key, 'Authorization: Bearer KEY' or Basic auth (password = key)."""
    key = _header(scope, b"x-api-key")
    if key:
        return key.strip()
    auth = _header(scope, b"authorization") or ""
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            return b64decode(value.strip(), validate=True).decode("utf-8").partition(":")[2]
        except (ValueError, UnicodeDecodeError):
            return None
    return None


def key_ok(scope: dict, keys: frozenset[str]) -> bool:
    given = presented_key(scope)
    if not given:
        return False
    return any(hmac.compare_digest(given.encode(), k.encode()) for k in keys)


def _unpaired_surrogate(value: Any) -> str | None:
    """The JSON path ("records.3.text") of the first string (or key) holding an unpaired surrogate, else None.
    Iterative, so a deeply nested body cannot exhaust the stack."""
    stack: list[tuple[str, Any]] = [("(body)", value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if not item.isascii() and lone_surrogate(item) is not None:
                return where
        elif isinstance(item, dict):
            for key, child in item.items():
                path = key if where == "(body)" else f"{where}.{key}"
                if lone_surrogate(key) is not None:
                    return f"{where} (a key)"
                stack.append((path, child))
        elif isinstance(item, list):
            stack.extend((f"{where}.{i}" if where != "(body)" else str(i), child) for i, child in enumerate(item))
    return None


def check_body(body: bytes) -> MedkilnError | None:
    """None when `body` is non-empty UTF-8 JSON of valid Unicode text, else the error to answer (offsets and
    JSON paths only, never content)."""
    if not body.strip():
        return MedkilnError("S042")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        return MedkilnError("S041", offset=err.start)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        return MedkilnError("S040", reason=err.msg, line=err.lineno, column=err.colno)
    except RecursionError:
        return MedkilnError("S040", reason="nested too deeply", line=1, column=1)
    except ValueError as err:  # e.g. an integer longer than Python converts
        return MedkilnError("S040", reason=type(err).__name__, line=1, column=1)
    if "\\u" in text:  # only an escape can carry an unpaired surrogate through UTF-8
        where = _unpaired_surrogate(value)
        if where is not None:
            return MedkilnError("S039", where=where)
    return None


class Guard:
    """Wraps the FastAPI app; see the module docstring."""

    def __init__(self, app: Any, settings: Settings, metrics: Metrics, routes: frozenset[str]) -> None:
        self.app, self.settings, self.metrics, self.routes = app, settings, metrics, routes
        # which server process answered (random per process, for operators and tests of --workers; not a pid)
        self.instance = secrets.token_hex(4).encode()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope.get("path", ""), scope.get("method", "GET")
        route = path if path in self.routes else "other"
        state = {"status": 0, "code": None}
        start = time.perf_counter()

        async def tracked_send(message: dict) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                for key, value in message.get("headers", []):
                    if key.lower() == ERROR_HEADER.encode():
                        state["code"] = value.decode()
                message = {**message, "headers": [*message.get("headers", []), (INSTANCE_HEADER, self.instance)]}
            await send(message)

        try:
            await self._handle(scope, receive, tracked_send, path, method)
        except Exception as err:  # the last catch: type name only, never the message (it may hold text)
            log.error("request to %s failed: %s", route, type(err).__name__)
            if not state["status"]:
                failure = MedkilnError("S050", reason=type(err).__name__)
                await send_json(tracked_send, 500, error_body(failure), failure.code)
        finally:
            status = str(state["status"] or 499)  # 499: the client went away before an answer
            elapsed = time.perf_counter() - start
            self.metrics.requests.labels(route, method, status).inc()
            self.metrics.latency.labels(route).observe(elapsed)
            # the access log: method, route (a known route or "other"; never the raw path or its query), status
            log.info("%s %s %s %.1f ms", method, route, status, elapsed * 1000)
            if state["code"] or status.startswith(("4", "5")):
                self.metrics.errors.labels(route, state["code"] or status).inc()

    async def _handle(self, scope: dict, receive: Any, send: Any, path: str, method: str) -> None:
        keys = self.settings.api_keys
        if keys and path not in OPEN_PATHS and not key_ok(scope, keys):
            err = MedkilnError("S049")
            await send_json(send, 401, error_body(err), err.code)
            return
        if method != "POST":
            await self.app(scope, receive, send)
            return
        limit = self.settings.max_body_bytes
        declared = _header(scope, b"content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            err = MedkilnError("S043", limit=limit)
            await send_json(send, 413, error_body(err), err.code)
            return
        body = await self._read(receive, limit)
        if body is None:
            return  # client disconnected
        if body is False:
            err = MedkilnError("S043", limit=limit)
            await send_json(send, 413, error_body(err), err.code)
            return
        problem = check_body(body)
        if problem is not None:
            await send_json(send, 400, error_body(problem), problem.code)
            return
        await self.app(_json_scope(scope), _replay(body, receive), send)

    @staticmethod
    async def _read(receive: Any, limit: int) -> bytes | bool | None:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return False
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _json_scope(scope: dict) -> dict:
    """The API takes JSON only: treat every POST body as application/json (curl -d sends a form type)."""
    headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"content-type"]
    return {**scope, "headers": [*headers, (b"content-type", b"application/json")]}


def _replay(body: bytes, receive: Any) -> Any:
    sent = False

    async def replay() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
