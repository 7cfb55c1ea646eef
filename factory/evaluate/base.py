"""The `Evaluator` base: a fixed collect -> aggregate -> report algorithm (sacrebleu `Metric` style).

Subclasses say how to collect sufficient statistics from one (gold, predicted) document pair, and how to turn
the summed statistics into a result dict. The order of the steps and the signature are fixed here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from typing import Iterable


class Evaluator(ABC):
    """Score a corpus as `report(aggregate(collect(g, p) for each pair))`.

    Statistics are `Counter`s so that aggregation is a plain sum, and per-document statistics can be kept,
    merged across shards or re-reported without re-scoring.
    """

    name: str = "evaluator"
    version: str = "1"

    def score(self, golds: Iterable[dict], preds: Iterable[dict]) -> dict:
        """Score aligned gold and predicted records; the one entry point callers use."""
        stats = [self.collect(gold, pred) for gold, pred in zip(golds, preds, strict=True)]
        result = self.report(self.aggregate(stats))
        result["signature"] = self.signature()
        return result

    @abstractmethod
    def collect(self, gold: dict, pred: dict) -> Counter:
        """Sufficient statistics for one document."""

    def aggregate(self, stats: Iterable[Counter]) -> Counter:
        """Sum per-document statistics."""
        total: Counter = Counter()
        for item in stats:
            total.update(item)
        return total

    @abstractmethod
    def report(self, stats: Counter) -> dict:
        """Turn summed statistics into scores."""

    @abstractmethod
    def signature_fields(self) -> dict[str, str]:
        """The settings that change the numbers, in order."""

    def signature(self) -> str:
        """`name|key:value|...|v:N`, so a number always travels with how it was computed."""
        parts = [self.name] + [f"{k}:{v}" for k, v in self.signature_fields().items()] + [f"v:{self.version}"]
        return "|".join(parts)
