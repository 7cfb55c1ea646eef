"""The OpenAI-compatible chat-completions client (vLLM, Ollama, llama.cpp server, llama-cpp-python, OpenAI,
Azure OpenAI), on the official `openai` SDK.

The SDK sends the requests and reads the answers; what is ours around it: the disk cache keyed by (model,
prompt version, messages, parameters), the retry policy (timeout per request, bounded retries with
exponential backoff that honour `Retry-After` on 429/5xx; the SDK's own retries are off because a server
such as llama-cpp-python refuses a `response_format` with HTTP 500, which the SDK would resend), the
structured-output negotiation (`formats`), token accounting and the privacy guard. Logs carry status
codes, reasons and counts, never prompt or answer text (the SDK's debug log, which prints request bodies,
is kept at WARNING).
"""

from __future__ import annotations

import email.utils
import importlib.util
import logging
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

from medkiln.core.errors import TeacherError
from .cache import DiskCache, cache_key
from .formats import FormatNegotiator, is_refusal, response_format
from .privacy import check_privacy, redact_url
from .stats import RunStats

log = logging.getLogger(__name__)

RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}
# Reasons that say nothing about the prompt or the answer: a later run may succeed (resume retries them).
TRANSPORT = {"timeout", "connection_error", "empty_choices", "bad_response_body"}
# Request fields the SDK names; anything else a caller passes goes in `extra_body` (e.g. vLLM's `top_k`).
_SDK_FIELDS = {"temperature", "max_tokens", "max_completion_tokens", "seed", "top_p", "stop", "n",
               "presence_penalty", "frequency_penalty", "logit_bias", "user"}


def is_transport(reason: str) -> bool:
    """True for failures of the exchange (timeouts, HTTP errors, garbled answers), not of the content."""
    return reason in TRANSPORT or reason.startswith("http_")


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
    """`chat()` = one answer from `{base_url}/chat/completions`, cached and retried. Safe to share across threads."""

    def __init__(self, base_url: str, model: str, *, api_key_env: str = "OPENAI_API_KEY", timeout: float = 300.0,
                 max_retries: int = 4, backoff: float = 0.5, max_backoff: float = 30.0,
                 cache_dir: str | Path | None = None, structured: str = "auto", allow_remote: bool = False,
                 stats: RunStats | None = None, seed: int = 0) -> None:
        if importlib.util.find_spec("openai") is None:
            raise TeacherError("E106")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key_env = api_key_env
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.cache = DiskCache(cache_dir) if cache_dir else None
        self.formats = FormatNegotiator(self.base_url, model, structured, state_dir=cache_dir)
        self.allow_remote = allow_remote
        self.stats = stats or RunStats()
        self._rng = random.Random(seed)
        self._sdk = None
        self._headers: dict = {}

    def _client(self):
        import openai

        if self._sdk is None:
            logging.getLogger("openai").setLevel(logging.WARNING)  # its DEBUG log prints request bodies
            key = os.environ.get(self.api_key_env) if self.api_key_env else None
            # Azure OpenAI reads `api-key`; without a key no Authorization header is sent at all.
            self._sdk = openai.OpenAI(base_url=self.base_url, api_key=key or "unused", max_retries=0,
                                      timeout=self.timeout, default_headers={"api-key": key} if key else None)
            self._headers = {} if key else {"Authorization": openai.Omit()}
        return self._sdk

    def close(self) -> None:
        if self._sdk is not None:
            self._sdk.close()
            self._sdk = None

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
        answer = self._negotiate(body, schema, prompt_version.split(".")[0])
        self.stats.usage(answer.usage)
        if self.cache is not None:
            self.cache.put(key, {"content": answer.content, "usage": answer.usage,
                                 "finish_reason": answer.finish_reason})
        return answer

    def _negotiate(self, body: dict, schema: dict | None, name: str) -> Answer:
        """Send with the negotiated response format; a refusal moves one rung down and sends again."""
        if schema is None:
            return self._post_with_retries(body)
        while True:
            mode, probing = self.formats.begin()
            try:
                fmt = response_format(mode, schema, name)
                answer = self._post_with_retries({**body, "response_format": fmt} if fmt else body)
                self.formats.accepted(mode)
                return answer
            except _Refused as refusal:
                self.stats.count("events", f"response_format_refused:{mode}")
                nxt = self.formats.refused(mode, refusal.status)
                if nxt is None:
                    self.stats.count("failures", "response_format_refused")
                    log.warning("teacher %s refused response_format %s (HTTP %d); use --structured auto",
                                redact_url(self.base_url), mode, refusal.status)
                    raise RequestFailed("response_format_refused") from None
                log.info("teacher %s refused response_format %s (HTTP %d); next: %s",
                         redact_url(self.base_url), mode, refusal.status, nxt)
            finally:
                self.formats.end(probing)

    def _post_with_retries(self, payload: dict) -> Answer:
        attempt = 0
        while True:
            try:
                return self._post_once(payload)
            except _Retry as retry:
                if attempt >= self.max_retries:
                    self.stats.count("failures", retry.reason)
                    raise RequestFailed(retry.reason) from None
                delay = retry.delay if retry.delay is not None else self.backoff * 2 ** attempt
                jitter = self._rng.uniform(0, self.backoff / 4) if retry.delay is None else 0.0
                log.debug("retrying after %s (attempt %d, sleep %.2fs)", retry.reason, attempt + 1, delay)
                self.stats.add("retries")
                attempt += 1
                time.sleep(min(self.max_backoff, delay) + jitter)
            except RequestFailed as err:
                self.stats.count("failures", err.reason)
                raise

    def _post_once(self, payload: dict) -> Answer:
        import openai

        client = self._client()
        self.stats.add("requests")
        known = {k: v for k, v in payload.items() if k in _SDK_FIELDS or k in ("model", "messages", "response_format")}
        extra = {k: v for k, v in payload.items() if k not in known}
        try:
            completion = client.chat.completions.create(**known, extra_body=extra or None,
                                                        extra_headers=self._headers)
        except openai.APITimeoutError:
            raise _Retry("timeout") from None
        except openai.APIConnectionError:
            raise _Retry("connection_error") from None
        except openai.APIStatusError as err:
            self._raise_for_status(err, "response_format" in payload)
        except ValueError:  # a 200 whose body is not JSON
            raise _Retry("bad_response_body") from None
        return _answer_of(completion)

    def _raise_for_status(self, err, sent_format: bool) -> None:
        status = int(err.status_code)
        if sent_format and is_refusal(status, _body_text(err)):
            raise _Refused(status)
        if status in RETRY_STATUS:
            raise _Retry(f"http_{status}", retry_after_seconds(err.response.headers.get("Retry-After")))
        log.warning("teacher %s answered HTTP %d", redact_url(self.base_url), status)
        raise RequestFailed(f"http_{status}")


def _body_text(err) -> str:
    try:
        return err.response.text
    except (AttributeError, ValueError, RuntimeError):  # a body that cannot be read names no format
        return ""


def _answer_of(completion) -> Answer:
    choices = getattr(completion, "choices", None)
    if not choices:
        raise _Retry("empty_choices")
    choice = choices[0]
    message = getattr(choice, "message", None)
    usage = getattr(completion, "usage", None)
    counts = {}
    for field in ("prompt_tokens", "completion_tokens", "total_tokens"):
        value = getattr(usage, field, None)
        if isinstance(value, int):
            counts[field] = value
    return Answer(getattr(message, "content", None), counts, getattr(choice, "finish_reason", None), cached=False)


class _Retry(Exception):
    def __init__(self, reason: str, delay: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.delay = delay


class _Refused(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"http_{status}")
        self.status = status
