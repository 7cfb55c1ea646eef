"""Span metrics as pure functions: strict and relaxed entity P/R/F1, label-agnostic PHI token recall/precision.

- strict: same start, end and label (category); relaxed: any character overlap and the same label, each gold
  and each predicted span matched at most once (exact matches first, then the largest overlap).
- tokens are runs of `[^\\W_]+`. A gold PHI token is recalled when any predicted span overlaps it (unscored
  labels included: they would be redacted too). A predicted token (one overlapping a scored predicted span) is
  a true positive when it overlaps a gold span. Tokens covered only by unscored or dropped predictions are not
  counted as predicted tokens, and under a map with facility words those words inside a predicted LOCATION
  span are not counted either (`precision_strict` counts them).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

TOKEN_RE = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")

Span = tuple[int, int, str]


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    """Precision, recall and F1 with their counts (0.0 where a denominator is 0)."""
    return {"precision": tp / n_pred if n_pred else 0.0, "recall": tp / n_gold if n_gold else 0.0,
            "f1": 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0,
            "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def match_spans(gold: Sequence[Span], pred: Sequence[Span], relaxed: bool) -> tuple[list[bool], list[bool]]:
    """Which gold and which predicted spans are matched (same key; exact offsets, or overlap when relaxed)."""
    gold_hit = [False] * len(gold)
    pred_hit = [False] * len(pred)
    exact: dict[Span, list[int]] = {}
    for j, span in enumerate(pred):
        exact.setdefault(tuple(span), []).append(j)
    for i, span in enumerate(gold):
        free = exact.get(tuple(span))
        if free:
            j = free.pop(0)
            gold_hit[i] = pred_hit[j] = True
    if not relaxed:
        return gold_hit, pred_hit
    for i, (gs, ge, gk) in enumerate(gold):
        if gold_hit[i]:
            continue
        best, best_overlap = -1, 0
        for j, (ps, pe, pk) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if not pred_hit[j] and pk == gk and overlap > best_overlap:
                best, best_overlap = j, overlap
        if best >= 0:
            gold_hit[i] = pred_hit[best] = True
    return gold_hit, pred_hit


def alnum_tokens(text: str) -> list[tuple[int, int]]:
    """Character offsets of the `[^\\W_]+` tokens of a text."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


def age_value(text: str, start: int, end: int) -> int | None:
    """The first number in a span (e.g. 67 in '67yo'), or None when it has no digits."""
    match = _DIGITS.search(text, start, end)
    return int(match.group()) if match else None


def _coverage(n: int, spans, value) -> list:
    marks = [None] * n
    for start, end, *rest in spans:
        for c in range(start, end):
            if marks[c] is None:
                marks[c] = value(rest)
    return marks


def token_stats(text: str, gold: Sequence[Span], scored: Sequence[Span], ignored: Sequence[Span],
                facility_words: Sequence[str] = ()) -> Counter:
    """Token counts for one document. `gold` and `scored` carry categories; `ignored` are unscored/dropped."""
    stats: Counter = Counter()
    n = len(text)
    gold_at = _coverage(n, gold, lambda rest: rest[0])
    scored_at = _coverage(n, scored, lambda rest: rest[0])
    ignored_at = _coverage(n, ignored, lambda rest: True)
    facility = {w.lower() for w in facility_words}
    for start, end in alnum_tokens(text):
        gold_cat = next((gold_at[c] for c in range(start, end) if gold_at[c] is not None), None)
        pred_cats = {scored_at[c] for c in range(start, end) if scored_at[c] is not None}
        covered = bool(pred_cats) or any(ignored_at[c] for c in range(start, end))
        if gold_cat is not None:
            stats["gold"] += 1
            stats[("gold_cat", gold_cat)] += 1
            if covered:
                stats["gold_hit"] += 1
                stats[("gold_cat_hit", gold_cat)] += 1
        if not pred_cats:
            if covered and gold_cat is None:
                stats["pred_ignored_unscored"] += 1
            continue
        stats["pred_strict"] += 1
        if gold_cat is not None:
            stats["pred_tp"] += 1
        elif "LOCATION" in pred_cats and text[start:end].lower() in facility:
            stats["pred_ignored_facility"] += 1
            continue
        stats["pred"] += 1
    return stats


def token_report(stats: Counter, categories: Sequence[str]) -> dict:
    """Token recall/precision, leak rate and counts from summed token statistics."""
    gold, hit, tp = stats["gold"], stats["gold_hit"], stats["pred_tp"]
    recall = hit / gold if gold else 0.0
    per_cat = {}
    for cat in categories:
        n = stats[("gold_cat", cat)]
        if n:
            per_cat[cat] = {"recall": stats[("gold_cat_hit", cat)] / n, "gold_tokens": n,
                            "leaked_tokens": n - stats[("gold_cat_hit", cat)]}
    return {
        "recall": recall, "leak_rate": 1.0 - recall if gold else 0.0,
        "precision": tp / stats["pred"] if stats["pred"] else 0.0,
        "precision_strict": tp / stats["pred_strict"] if stats["pred_strict"] else 0.0,
        "gold_tokens": gold, "leaked_tokens": gold - hit, "pred_tokens": stats["pred"],
        "pred_tokens_strict": stats["pred_strict"], "pred_tokens_tp": tp,
        "ignored_facility_tokens": stats["pred_ignored_facility"],
        "ignored_unscored_tokens": stats["pred_ignored_unscored"], "per_category": per_cat,
    }
