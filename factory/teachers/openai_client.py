"""A small OpenAI-compatible chat-completions client (vLLM, Ollama, llama.cpp server, OpenAI, Azure OpenAI).

Timeout per request, bounded retries with exponential backoff that honour `Retry-After` on 429/5xx, a
disk cache keyed by (model, prompt version, messages, parameters), token accounting and the privacy
guard. Uses httpx; logs carry status codes, reasons and counts, never prompt or answer text.
"""

from __future__ import annotations

import email.utils
import logging
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

from .cache import DiskCache, cache_key
from .privacy import check_privacy, redact_url
from .stats import RunStats

log = logging.getLogger(__name__)

RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


class RequestFailed(RuntimeError):
    """A request that still failed after the allowed retries. `reason` is a short code for reports."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Answer:
    content: str | None
    usage: dict
    finish_reason: str | None
    cached: bool


def retry_after_seconds(value: str | None) -> float | None:
    """Parse a `Retry-After` header: delta seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class ChatClient:
    """POST `{base_url}/chat/completions` with retries and a cache. Safe to share across threads."""

    def __init__(self, base_url: str, model: str, *, api_key_env: str = "OPENAI_API_KEY", timeout: float = 60.0,
                 max_retries: int = 4, backoff: float = 0.5, max_backoff: float = 30.0,
                 cache_dir: str | Path | None = None, structured: str = "auto", allow_remote: bool = False,
                 stats: RunStats | None = None, seed: int = 0) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key_env = api_key_env
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.cache = DiskCache(cache_dir) if cache_dir else None
        self.structured = structured  # auto | json_schema | json_object | none
        self.allow_remote = allow_remote
        self.stats = stats or RunStats()
        self._rng = random.Random(seed)
        self._http = None

    def _client(self):
        import httpx

        if self._http is None:
            headers = {"Content-Type": "application/json"}
            key = os.environ.get(self.api_key_env) if self.api_key_env else None
            if key:
                headers["Authorization"] = f"Bearer {key}"
                headers["api-key"] = key  # Azure OpenAI reads this header
            self._http = httpx.Client(timeout=self.timeout, headers=headers)
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def _response_format(self, schema: dict | None, name: str) -> dict | None:
        if schema is None or self.structured == "none":
            return None
        if self.structured == "json_object":
            return {"type": "json_object"}
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": False}}

    def chat(self, messages: list[dict], *, prompt_version: str, params: dict | None = None,
             schema: dict | None = None, real: bool = False) -> Answer:
        """One answer for `messages`, from the cache when possible. Raises `RequestFailed`."""
        check_privacy(self.base_url, real=real, allow_remote=self.allow_remote)
        params = dict(params or {})
        key = cache_key(self.model, prompt_version, messages, params)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                self.stats.add("cache_hits")
                return Answer(hit.get("content"), hit.get("usage") or {}, hit.get("finish_reason"), cached=True)
        body = {"model": self.model, "messages": messages, **params}
        answer = self._post_with_retries(body, schema, prompt_version.split(".")[0])
        self.stats.usage(answer.usage)
        if self.cache is not None:
            self.cache.put(key, {"content": answer.content, "usage": answer.usage,
                                 "finish_reason": answer.finish_reason})
        return answer

    def _post_with_retries(self, body: dict, schema: dict | None, name: str) -> Answer:
        attempt = 0
        while True:
            fmt = self._response_format(schema, name)
            payload = {**body, "response_format": fmt} if fmt else body
            try:
                return self._post_once(payload)
            except _Retry as retry:
                if retry.reason == "response_format_unsupported":
                    self.stats.count("events", "response_format_fallback")
                    log.info("server rejected response_format; falling back to plain JSON instructions")
                    self.structured = "none"
                    continue
                if attempt >= self.max_retries:
                    self.stats.count("failures", retry.reason)
                    raise RequestFailed(retry.reason) from None
                delay = retry.delay if retry.delay is not None else self.backoff * 2 ** attempt
                delay = min(self.max_backoff, delay) + (self._rng.uniform(0, self.backoff / 4) if retry.delay is None else 0)
                log.debug("retrying after %s (attempt %d, sleep %.2fs)", retry.reason, attempt + 1, delay)
                self.stats.add("retries")
                attempt += 1
                time.sleep(delay)
            except RequestFailed as err:
                self.stats.count("failures", err.reason)
                raise

    def _post_once(self, payload: dict) -> Answer:
        import httpx

        self.stats.add("requests")
        try:
            resp = self._client().post(f"{self.base_url}/chat/completions", json=payload)
        except httpx.TimeoutException:
            raise _Retry("timeout") from None
        except httpx.TransportError:
            raise _Retry("connection_error") from None
        if resp.status_code in RETRY_STATUS:
            raise _Retry(f"http_{resp.status_code}", retry_after_seconds(resp.headers.get("Retry-After")))
        if resp.status_code == 400 and "response_format" in payload and self.structured == "auto":
            raise _Retry("response_format_unsupported")
        if resp.status_code >= 400:
            log.warning("teacher %s answered HTTP %d", redact_url(self.base_url), resp.status_code)
            raise RequestFailed(f"http_{resp.status_code}")
        try:
            data = resp.json()
        except ValueError:
            raise _Retry("bad_response_body") from None
        choices = data.get("choices") if isinstance(data, dict) else None
        if not choices:
            raise _Retry("empty_choices")
        choice = choices[0] if isinstance(choices[0], dict) else {}
        message = choice.get("message") or {}
        return Answer(message.get("content"), data.get("usage") or {}, choice.get("finish_reason"), cached=False)


class _Retry(Exception):
    def __init__(self, reason: str, delay: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.delay = delay
