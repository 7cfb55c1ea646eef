"""Several teachers' candidates for one sentence: how far they agree, and which one the others back most
(chrF between candidates; used by the combined teachers and by the LLM chooser when its answer is unusable)."""

from __future__ import annotations

from itertools import combinations


def _chrf(hyp: str, ref: str) -> float:
    import sacrebleu

    return sacrebleu.sentence_chrf(hyp, [ref]).score


def agreement(candidates: dict[str, str]) -> float | None:
    """The best chrF between two candidates (symmetrised); None with fewer than two."""
    scores = [(_chrf(a, b) + _chrf(b, a)) / 2 for a, b in combinations(candidates.values(), 2)]
    return round(max(scores), 2) if scores else None


def consensus(candidates: dict[str, str]) -> str:
    """The teacher whose candidate has the highest mean chrF against the others (ties: teacher order)."""
    names = list(candidates)
    if len(names) == 1:
        return names[0]
    mean = {n: sum(_chrf(candidates[n], candidates[o]) for o in names if o != n) / (len(names) - 1) for n in names}
    return max(names, key=lambda n: (mean[n], -names.index(n)))
