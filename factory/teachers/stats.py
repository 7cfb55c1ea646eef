"""Run accounting shared by teachers and loops: requests, cache hits, retries, failures, rejections,
tokens, cost and wall time. Thread-safe; counts and reasons only, never text."""

from __future__ import annotations

import threading
import time
from collections import Counter


class RunStats:
    """Counters for one run. `to_dict()` is what goes into `report.json`."""

    def __init__(self, price_per_1k_prompt: float = 0.0, price_per_1k_completion: float = 0.0) -> None:
        self._lock = threading.Lock()
        self.started = time.perf_counter()
        self.price_prompt = price_per_1k_prompt
        self.price_completion = price_per_1k_completion
        self.requests = 0
        self.cache_hits = 0
        self.retries = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.failures: Counter = Counter()
        self.rejections: Counter = Counter()
        self.dropped_entities: Counter = Counter()
        self.events: Counter = Counter()

    def add(self, name: str, value: int = 1) -> None:
        """Increase a plain counter attribute (`requests`, `cache_hits`, `retries`)."""
        with self._lock:
            setattr(self, name, getattr(self, name) + value)

    def count(self, kind: str, reason: str, value: int = 1) -> None:
        """Increase one reason of a counter: `failures`, `rejections`, `dropped_entities` or `events`."""
        if value:
            with self._lock:
                getattr(self, kind)[reason] += value

    def usage(self, usage: dict | None) -> None:
        if not usage:
            return
        with self._lock:
            self.prompt_tokens += int(usage.get("prompt_tokens") or 0)
            self.completion_tokens += int(usage.get("completion_tokens") or 0)

    @property
    def cost(self) -> float:
        return (self.prompt_tokens * self.price_prompt + self.completion_tokens * self.price_completion) / 1000.0

    def to_dict(self) -> dict:
        with self._lock:
            return {
                "requests": self.requests,
                "cache_hits": self.cache_hits,
                "retries": self.retries,
                "failures": dict(sorted(self.failures.items())),
                "rejections": dict(sorted(self.rejections.items())),
                "dropped_entities": dict(sorted(self.dropped_entities.items())),
                "events": dict(sorted(self.events.items())),
                "tokens": {"prompt": self.prompt_tokens, "completion": self.completion_tokens,
                           "total": self.prompt_tokens + self.completion_tokens},
                "cost": round(self.cost, 6),
                "wall_s": round(time.perf_counter() - self.started, 3),
            }
