"""Which tasks people should review first.

- `uncertainty`: least sure first. A record's confidence is its least sure span's score (`meta.scores` from
  the student, or the ensemble's vote confidence); a record without spans counts as sure (1.0), a span
  without a score as unsure (0.0). Translation records use `meta.score` (1.0 when absent).
- `disagreement`: where teachers disagreed most first: the sum over the ensemble's votes of
  (1 - confidence), i.e. the share of annotators that did not back each kept span; ties by uncertainty.
- `random`: a seeded shuffle (a fair sample for measuring the teachers).

`--budget N` keeps the first N. Ties keep the input order, so the ranking is deterministic.
"""

from __future__ import annotations

import random as _random

from medkiln.core.errors import MedkilnError

from .kinds import span_scores

SELECTIONS = ("uncertainty", "disagreement", "random")


def confidence(rec: dict) -> float:
    if "spans" not in rec:
        score = (rec.get("meta") or {}).get("score")
        return 1.0 if score is None else float(score)
    scores = span_scores(rec)
    if not scores:
        return 1.0
    return min(0.0 if s is None else s for s in scores)


def disagreement(rec: dict) -> float:
    votes = (rec.get("meta") or {}).get("votes") or []
    return sum(1.0 - float(v.get("confidence", 1.0)) for v in votes)


def select(records: list[dict], how: str = "uncertainty", budget: int | None = None, seed: int = 0) -> list[dict]:
    """`records` in review order (most useful first), cut to `budget`."""
    if how not in SELECTIONS:
        raise MedkilnError("E212", name=how)
    if budget is not None and budget < 1:
        raise MedkilnError("E217", budget=budget)
    indexed = list(enumerate(records))
    if how == "uncertainty":
        indexed.sort(key=lambda ir: (confidence(ir[1]), ir[0]))
    elif how == "disagreement":
        indexed.sort(key=lambda ir: (-disagreement(ir[1]), confidence(ir[1]), ir[0]))
    else:
        _random.Random(seed).shuffle(indexed)
    ordered = [rec for _, rec in indexed]
    return ordered[:budget] if budget is not None else ordered
