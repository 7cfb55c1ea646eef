"""Structured-output negotiation: which `response_format` a server gets, per (base URL, model).

Servers differ in what they take (see docs/teachers.md): OpenAI, Azure, vLLM >= 0.6, Ollama >= 0.5 and
llama.cpp's `llama-server` take `json_schema`; llama-cpp-python takes `json_object` with a `schema` (it
answers `json_schema` with HTTP 500); older vLLM takes plain `json_object` only. With `structured="auto"`
the client walks down the ladder

    json_schema -> json_object_schema -> json_object -> none (the prompt's instructions only)

one rung per refusal. A refusal is an HTTP 400/415/422/500/501 whose body names the response format
(`is_refusal`); any other error is handled by the retry policy. While no rung is confirmed, one request
at a time probes (the others wait), so a refused format is sent once, never again: the decision is kept in
`<cache folder>/response_format.json` for the next run. A fixed `structured` mode is never changed; a
refusal of it fails the request with reason `response_format_refused`.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path

from .privacy import redact_url

LADDER = ("json_schema", "json_object_schema", "json_object", "none")
MODES = ("auto", *LADDER)
STATE_FILE = "response_format.json"
REFUSAL_STATUS = {400, 415, 422, 500, 501}
# What a server's error body says when it is the response format it cannot take (lower case).
_MENTIONS = ("response_format", "response format", "responseformat", "json_schema", "json schema", "json_object",
             "grammar")
_FILE_LOCK = threading.Lock()


def response_format(mode: str, schema: dict | None, name: str) -> dict | None:
    """The `response_format` request field for a ladder rung (None: send none)."""
    if schema is None or mode == "none":
        return None
    if mode == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": False}}
    if mode == "json_object_schema":
        return {"type": "json_object", "schema": schema}
    return {"type": "json_object"}


def is_refusal(status: int, body: str) -> bool:
    """True when an error answer to a request with `response_format` refuses that format."""
    text = (body or "")[:8000].lower()
    return status in REFUSAL_STATUS and any(word in text for word in _MENTIONS)


class FormatNegotiator:
    """The response-format decision for one (base URL, model), shared by the threads of a client.

    `begin()` returns `(mode, probing)`; the caller reports `accepted(mode)` or `refused(mode, status)` and
    finally `end(probing)`. Thread-safe; the decision is written to `state_dir/response_format.json`.
    """

    def __init__(self, base_url: str, model: str, structured: str = "auto",
                 state_dir: str | Path | None = None) -> None:
        if structured not in MODES:
            raise ValueError(f"structured must be one of {', '.join(MODES)}, got {structured!r}")
        self.key = f"{redact_url(base_url)} {model}"
        self.auto = structured == "auto"
        self.path = Path(state_dir) / STATE_FILE if state_dir and self.auto else None
        self._cond = threading.Condition()
        self._probing = False
        saved = self._load().get(self.key, {}) if self.path else {}
        self.refusals: dict[str, int] = {k: int(v) for k, v in dict(saved.get("refused") or {}).items()}
        mode = saved.get("mode") if saved.get("mode") in LADDER else None
        self.mode = (mode or LADDER[0]) if self.auto else structured
        self.confirmed = not self.auto or self.mode == "none" or bool(saved.get("confirmed") and mode)

    # -- the protocol ----------------------------------------------------------------------------------
    def begin(self) -> tuple[str, bool]:
        """The mode to send now; blocks while another thread probes an unconfirmed mode."""
        with self._cond:
            while not self.confirmed and self._probing:
                self._cond.wait()
            probing = not self.confirmed
            self._probing = self._probing or probing
            return self.mode, probing

    def accepted(self, mode: str) -> None:
        with self._cond:
            if mode == self.mode and not self.confirmed:
                self.confirmed = True
                self._save()

    def refused(self, mode: str, status: int) -> str | None:
        """Record a refusal of `mode`; returns the next rung to try, or None when there is none (fixed mode)."""
        with self._cond:
            if not self.auto:
                return None
            self.refusals[mode] = int(status)
            if mode == self.mode:
                rest = [m for m in LADDER[LADDER.index(mode) + 1:] if m not in self.refusals]
                self.mode = rest[0] if rest else "none"
                self.confirmed = self.mode == "none"
                self._save()
            return self.mode

    def end(self, probing: bool) -> None:
        """Release the probe (after success, refusal or a failure): a waiting thread may go on."""
        if probing:
            with self._cond:
                self._probing = False
                self._cond.notify_all()

    def describe(self) -> dict:
        with self._cond:
            return {"mode": self.mode, "negotiated": self.auto, "confirmed": self.confirmed,
                    "refused": dict(self.refusals)}

    # -- persistence ----------------------------------------------------------------------------------
    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8")) if self.path and self.path.exists() else {}
        except (OSError, json.JSONDecodeError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self) -> None:
        if self.path is None:
            return
        with _FILE_LOCK:
            data = self._load()
            data[self.key] = {"mode": self.mode, "confirmed": self.confirmed, "refused": dict(self.refusals)}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(data, fh, indent=1, sort_keys=True)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
