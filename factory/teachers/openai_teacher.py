"""The OpenAI-compatible teacher: synthesizes, reviews and annotates through chat completions.

Registered as `medkiln.teacher.openai.v1`. Every answer is parsed (`parse.extract_json`) and aligned
(`parse.align_entities`); failures are counted in `stats` by reason and never reach a dataset.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

from medkiln.domains.base import DomainSpec

from .base import teachers
from .diversity import brief_for, load_axes
from medkiln.core.errors import TeacherError
from .openai_client import ChatClient, RequestFailed
from .parse import ParseError, align_entities, extract_json, spans_to_entities
from .prompts import answer_schema, prompt_version, render_messages
from .stats import RunStats

VERDICTS = ("accept", "repair", "reject")
_WORD = re.compile(r"\w+")


class OpenAITeacher:
    """A chat-completions teacher. `label` (e.g. `openai:qwen2.5-7b`) names it in provenance and votes."""

    name = "openai"

    def __init__(self, base_url: str | None = None, model: str | None = None, *, api_key_env: str = "OPENAI_API_KEY",
                 timeout: float = 300.0, max_retries: int = 4, backoff: float = 0.5, max_backoff: float = 30.0,
                 concurrency: int = 4, cache_dir: str | Path | None = None, structured: str = "auto",
                 temperature: float = 0.9, review_temperature: float = 0.0, max_tokens: int = 1500, seed: int = 0,
                 allow_remote: bool = False, prompt_version: str = "v1", price_per_1k_prompt: float = 0.0,
                 price_per_1k_completion: float = 0.0, stats: RunStats | None = None, min_words: int = 12) -> None:
        missing = [flag for flag, value in (("--base-url", base_url), ("--model", model)) if not value]
        if missing:
            raise TeacherError("E102", name=self.name, missing=" and ".join(missing))
        self.label = f"{self.name}:{model}"
        self.version = prompt_version
        self.temperature = temperature
        self.review_temperature = review_temperature
        self.max_tokens = max_tokens
        self.min_words = min_words
        self.seed = seed
        self.concurrency = max(1, int(concurrency))
        self.stats = stats or RunStats(price_per_1k_prompt, price_per_1k_completion)
        self.client = ChatClient(str(base_url), str(model), api_key_env=api_key_env, timeout=timeout,
                                 max_retries=max_retries, backoff=backoff, max_backoff=max_backoff,
                                 cache_dir=cache_dir, structured=structured, allow_remote=allow_remote,
                                 stats=self.stats, seed=seed)

    # -- one request each -------------------------------------------------------------------------
    def _ask(self, domain: DomainSpec, task: str, params: dict, real: bool, **variables: object) -> dict:
        """Render, send, parse. Raises RequestFailed or ParseError (both carry `.reason`)."""
        return self._ask_with_prompt(domain, task, params, real, **variables)[0]

    def _ask_with_prompt(self, domain: DomainSpec, task: str, params: dict, real: bool,
                         **variables: object) -> tuple[dict, list[dict]]:
        """`_ask`, also returning the messages that were sent."""
        messages = render_messages(domain, task, self.version, **variables)
        answer = self.client.chat(messages, prompt_version=prompt_version(task, self.version), params=params,
                                  schema=answer_schema(task, sorted(domain.labels)), real=real)
        try:
            return extract_json(answer.content), messages
        except ParseError as err:
            if answer.finish_reason == "length":
                raise ParseError("truncated_answer") from None
            raise err from None

    def _check_example(self, text: object, spans: list, messages: list[dict]) -> str | None:
        """Why a generated example cannot be used (None: it can): no text, fewer than `min_words` words, a
        copy of the prompt (its example answer), or no entity found in its own text."""
        if not isinstance(text, str) or not text.strip():
            return "no_text"
        if len(text.split()) < self.min_words:
            return "too_short"
        prompt = " ".join(_WORD.findall(" ".join(str(m.get("content", "")) for m in messages).lower()))
        if f" {' '.join(_WORD.findall(text.lower()))} " in f" {prompt} ":  # the same words, whatever the punctuation
            return "copied_prompt"
        return None if spans else "no_entities"

    def generate(self, domain: DomainSpec, brief: dict, variation: int) -> dict:
        """One synthetic example: `{"ok": True, "record": ...}` or `{"ok": False, "reason": ...}`."""
        params = {"temperature": self.temperature, "max_tokens": self.max_tokens,
                  "seed": self.seed * 1_000_003 + variation}
        try:
            data, messages = self._ask_with_prompt(domain, "synthesize", params, False, brief=brief,
                                                   variation=variation)
        except (RequestFailed, ParseError) as err:
            return {"ok": False, "reason": err.reason}
        text = data.get("text")
        aligned = align_entities(text, data.get("entities"), domain.labels) if isinstance(text, str) else None
        problem = self._check_example(text, aligned.spans if aligned else [], messages)
        if problem is not None:
            return {"ok": False, "reason": problem}
        self._count_dropped(aligned.dropped)
        meta = {"teacher": self.label, "prompt_version": prompt_version("synthesize", self.version),
                "domain": domain.registry_name, "variation": variation, **{k: v for k, v in brief.items()},
                "dropped_entities": dict(aligned.dropped)}
        return {"ok": True, "record": {"text": text, "spans": aligned.spans, "meta": meta}}

    def review(self, domain: DomainSpec, text: str, spans: list, reviewer: int = 0) -> dict:
        """A reviewer's verdict on an example: `{"ok", "verdict", "spans", "reasons"}` or a failure reason."""
        params = {"temperature": self.review_temperature, "max_tokens": self.max_tokens, "seed": reviewer}
        entities = json.dumps(spans_to_entities(text, spans), ensure_ascii=False)
        try:
            data = self._ask(domain, "review", params, False, text=text, entities_json=entities, reviewer=reviewer)
        except (RequestFailed, ParseError) as err:
            return {"ok": False, "reason": err.reason}
        verdict = str(data.get("verdict", "")).strip().lower()
        if verdict not in VERDICTS:
            return {"ok": False, "reason": "bad_verdict"}
        aligned = align_entities(text, data.get("entities", []), domain.labels)
        self._count_dropped(aligned.dropped)
        reasons = [str(r)[:200] for r in data.get("reasons", []) if isinstance(r, (str, int, float))][:5]
        return {"ok": True, "verdict": verdict, "spans": aligned.spans, "reasons": reasons,
                "teacher": self.label}

    def annotate_text(self, domain: DomainSpec, text: str, real: bool = True) -> dict:
        """Spans for one text: `{"ok": True, "spans", "dropped"}` or `{"ok": False, "reason"}`."""
        params = {"temperature": 0.0, "max_tokens": self.max_tokens, "seed": self.seed}
        try:
            data = self._ask(domain, "annotate", params, real, text=text)
        except (RequestFailed, ParseError) as err:
            return {"ok": False, "reason": err.reason}
        aligned = align_entities(text, data.get("entities"), domain.labels)
        self._count_dropped(aligned.dropped)
        return {"ok": True, "spans": aligned.spans, "dropped": dict(aligned.dropped)}

    def _count_dropped(self, dropped: dict) -> None:
        for reason, count in dropped.items():
            self.stats.count("dropped_entities", reason, count)

    # -- the Teacher protocol -------------------------------------------------------------------------
    def synthesize(self, domain: DomainSpec, n: int, seed: int, *, max_requests: int | None = None) -> Iterator[dict]:
        """Generator only (no review): yields `n` examples that parsed and aligned, in variation order, unless
        `max_requests` (default max(20, 4n); retries count) are spent first. Rejections are counted in `stats`."""
        budget = max(20, 4 * n) if max_requests is None else max_requests
        axes, sent, yielded = load_axes(domain), self.stats.requests, 0
        variations = itertools.count()
        window: deque = deque()
        with ThreadPoolExecutor(self.concurrency) as pool:
            while yielded < n:
                while (len(window) < self.concurrency and yielded + len(window) < n
                       and self.stats.requests - sent + len(window) < budget):
                    i = next(variations)
                    window.append((i, pool.submit(self.generate, domain, brief_for(domain, i, seed, axes), i)))
                if not window:
                    return
                i, job = window.popleft()
                res = job.result()
                if not res["ok"]:
                    self.stats.count("rejections", res["reason"])
                    continue
                yielded += 1
                yield {"id": f"{domain.name}-{self.name}-{seed}-{i:06d}", **res["record"]}

    def annotate(self, domain: DomainSpec, records: Iterable[dict], real: bool = True) -> Iterator[dict]:
        """Pre-annotate `{"id", "text"}` records; failures yield empty spans with `meta.status` = reason."""
        with ThreadPoolExecutor(self.concurrency) as pool:
            items = list(records)
            for rec, res in zip(items, pool.map(lambda r: self.annotate_text(domain, r["text"], real), items)):
                status = "ok" if res["ok"] else res["reason"]
                meta = {"teacher": self.label, "prompt_version": prompt_version("annotate", self.version),
                        "status": status}
                yield {"id": rec["id"], "text": rec["text"], "spans": res.get("spans", []), "meta": meta}

    @property
    def response_format(self) -> dict:
        """The structured-output decision for this server and model (see `formats`)."""
        return self.client.formats.describe()

    def close(self) -> None:
        self.client.close()


@teachers.register("medkiln.teacher.openai.v1")
def make_openai_teacher(**settings: object) -> OpenAITeacher:
    return OpenAITeacher(**settings)  # type: ignore[arg-type]
