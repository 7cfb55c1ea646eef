"""A local OpenAI-compatible chat-completions server for tests: replays recorded answers and injects faults.

    with ReplayServer(FIXTURES / "deid_replay.json") as srv:
        srv.push({"status": 429, "headers": {"Retry-After": "0"}}, {"status": 500})
        teacher = OpenAITeacher(base_url=srv.url, model="replay", ...)

Answers are chosen by task (detected from the prompt): `synthesize` by the prompt's `Variation: N`
(N modulo the number of recorded answers), `review` and `annotate` by a `match` substring of the prompt
(else their `*_default`). A `responder(task, body) -> content | None` callable may override. Faults are
consumed one per request, in order: `{"status", "headers", "body"}`, `{"delay": s}` (then answers
normally, so a short client timeout times out), `{"content": "..."}` (a raw answer, e.g. truncated JSON),
`{"choices": []}`, `{"raw": "not json"}`.

Structured output: `refusals` maps a response-format rung (`json_schema`, `json_object_schema` = json_object
with a `schema`, `json_object`) to the error a server answers it with, `{"status", "body"}`;
`server_profile(name)` loads the recorded ones (fixtures/refusals.json: llama-cpp-python, vLLM 0.5).
`supports_json_schema=False` is a plain 400 refusal of `json_schema`.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

_VARIATION = re.compile(r"Variation: (\d+)")
_REVIEWER = re.compile(r"Reviewer: (\d+)")


def make_domain(name: str = "llmtest", patterns: list[dict] | None = None):
    """A test domain: the deid labels and prompt templates, a tiny pattern table, registered under
    `medkiln.<name>.v1` so `get_domain(name)` finds it (no dependency on the deid synthesizer)."""
    from medkiln.domains import registry
    from medkiln.domains.base import DomainSpec
    from medkiln.domains.deid.labels import LABELS

    folder = Path(__file__).resolve().parents[2] / "domains" / "deid"
    table = patterns if patterns is not None else [
        {"name": "ssn_dashed", "label": "SSN", "regex": r"\b\d{3}-\d{2}-\d{4}\b", "score": 0.8},
        {"name": "phone_dashed", "label": "PHONE", "regex": r"\b\d{3}-\d{3}-\d{4}\b", "score": 0.6},
        {"name": "date_slash", "label": "DATE", "regex": r"\b\d{1,2}/\d{1,2}/\d{4}\b", "score": 0.6},
    ]
    spec = DomainSpec(name=name, version="v1", lang="en", labels=LABELS, synthesize=lambda n, seed: iter(()),
                      patterns=table, package_name=f"medkiln_{name}", folder=folder)
    registry.register(f"medkiln.{name}.v1", func=lambda: spec)
    return spec


REFUSALS = Path(__file__).parent / "fixtures" / "refusals.json"


def server_profile(name: str) -> dict:
    """The recorded refusals of one server (`refusals.json`): `{rung: {"status", "body"}}`."""
    return json.loads(REFUSALS.read_text(encoding="utf-8"))[name]["refusals"]


def rung_of(fmt: object) -> str | None:
    """Which ladder rung a request's `response_format` is (None: no format or `text`)."""
    if not isinstance(fmt, dict) or fmt.get("type") in (None, "text"):
        return None
    if fmt.get("type") == "json_object":
        return "json_object_schema" if "schema" in fmt else "json_object"
    return str(fmt.get("type"))


def task_of(body: dict) -> str:
    user = " ".join(m.get("content", "") for m in body.get("messages", []) if m.get("role") == "user")
    if _VARIATION.search(user):
        return "synthesize"
    if _REVIEWER.search(user):
        return "review"
    return "annotate"


class ReplayServer:
    def __init__(self, fixtures: str | Path | dict | None = None, *, supports_json_schema: bool = True,
                 refusals: dict | None = None, responder: Callable[[str, dict], str | None] | None = None) -> None:
        if isinstance(fixtures, (str, Path)):
            fixtures = json.loads(Path(fixtures).read_text(encoding="utf-8"))
        self.fixtures = fixtures or {}
        self.refusals = dict(refusals or {})
        if not supports_json_schema:
            self.refusals.setdefault("json_schema", {"status": 400,
                                                     "body": {"error": "response_format json_schema not supported"}})
        self.responder = responder
        self.faults: deque = deque()
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    # -- control ------------------------------------------------------------------------------------
    def push(self, *faults: dict) -> None:
        with self._lock:
            self.faults.extend(faults)

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def count(self, task: str | None = None) -> int:
        return sum(1 for r in self.requests if task is None or r["task"] == task)

    def formats(self) -> list[str | None]:
        """The response-format rung of every request received, in order."""
        return [rung_of(r["body"].get("response_format")) for r in self.requests]

    def __enter__(self) -> "ReplayServer":
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    # -- answers ------------------------------------------------------------------------------------
    def answer(self, task: str, body: dict) -> str:
        if self.responder is not None:
            content = self.responder(task, body)
            if content is not None:
                return content
        prompt = "\n".join(m.get("content", "") for m in body.get("messages", []))
        if task == "synthesize":
            items = self.fixtures.get("synthesize", [])
            index = int(_VARIATION.search(prompt).group(1)) % max(1, len(items))
            return _content(items[index] if items else {"text": "", "entities": []})
        for item in self.fixtures.get(task, []):
            if item["match"] in prompt and item.get("model") in (None, body.get("model")):
                return _content(item["answer"])
        default = {"review": {"verdict": "accept", "entities": [], "reasons": []}}.get(task, {"entities": []})
        return _content(self.fixtures.get(f"{task}_default", default))

    def next_fault(self) -> dict | None:
        with self._lock:
            return self.faults.popleft() if self.faults else None


def _content(item: object) -> str:
    if isinstance(item, dict) and set(item) == {"content"}:
        return str(item["content"])
    return json.dumps(item)


def _handler_for(server: ReplayServer) -> type:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def _send(self, status: int, payload: str, headers: dict | None = None) -> None:
            data = payload.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            task = task_of(body)
            with server._lock:
                server.requests.append({"path": self.path, "task": task, "body": body,
                                        "headers": dict(self.headers)})
            if not self.path.endswith("/chat/completions"):
                return self._send(404, json.dumps({"error": "not found"}))
            fault = server.next_fault() or {}
            if "delay" in fault:
                time.sleep(float(fault["delay"]))
            if "status" in fault:
                return self._send(int(fault["status"]), json.dumps(fault.get("body", {"error": "injected"})),
                                  fault.get("headers"))
            if "raw" in fault:
                return self._send(200, str(fault["raw"]))
            refusal = server.refusals.get(rung_of(body.get("response_format")))
            if refusal is not None:
                payload = refusal["body"]
                return self._send(int(refusal["status"]), payload if isinstance(payload, str) else json.dumps(payload))
            if "choices" in fault:
                return self._send(200, json.dumps({"id": "x", "choices": fault["choices"]}))
            content = fault["content"] if "content" in fault else server.answer(task, body)
            finish = fault.get("finish_reason", "stop")
            usage = {"prompt_tokens": len(json.dumps(body)) // 4, "completion_tokens": len(content) // 4}
            reply = {"id": "replay", "object": "chat.completion", "model": body.get("model"),
                     "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                  "finish_reason": finish}], "usage": usage}
            return self._send(200, json.dumps(reply))

    return Handler
