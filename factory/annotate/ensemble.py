"""Ensemble voting: spans from several annotators are pooled for recall; boundaries and labels are decided
by vote, and every kept span keeps its votes and a confidence so review can start from disagreements."""

from __future__ import annotations

from collections import Counter


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _clusters(cands: list[tuple]) -> list[list[tuple]]:
    """Group candidates `(start, end, label, annotator)` into chains of overlapping spans."""
    groups: list[list[tuple]] = []
    end = -1
    for cand in sorted(cands):
        if groups and cand[0] < end:
            groups[-1].append(cand)
            end = max(end, cand[1])
        else:
            groups.append([cand])
            end = cand[1]
    return groups


def _decide(cluster: list[tuple], order: list[str]) -> tuple[tuple[int, int], str, dict]:
    """Winner boundary (most annotators, then longer, then earlier), then the label vote among annotators
    with a span overlapping it (ties: the annotator listed first)."""
    bounds = Counter((s, e) for s, e, _, _ in {(c[0], c[1], None, c[3]) for c in cluster})
    best = min(bounds, key=lambda b: (-bounds[b], -(b[1] - b[0]), b[0]))
    votes: dict[str, str] = {}
    for s, e, label, who in sorted(cluster, key=lambda c: -(min(c[1], best[1]) - max(c[0], best[0]))):
        if _overlaps((s, e), best) and who not in votes:
            votes[who] = label
    tally = Counter(votes.values())
    rank = {who: i for i, who in enumerate(order)}
    label = min(tally, key=lambda lab: (-tally[lab], min(rank.get(w, 99) for w, v in votes.items() if v == lab)))
    return best, label, votes


def vote(annotations: dict[str, list], order: list[str] | None = None, min_votes: int = 1) -> tuple[list, list]:
    """Combine `{annotator: [[start, end, label], ...]}` into non-overlapping spans plus vote records.

    Returns `(spans, votes)`; each vote record is `{"start", "end", "label", "votes": {annotator: label},
    "confidence": agreeing annotators / all annotators, "disagreement": bool}`.
    """
    order = order or list(annotations)
    n = max(1, len(order))
    cands = [(int(s), int(e), str(label), who) for who, spans in annotations.items() for s, e, label in spans]
    spans, records = [], []
    for cluster in _clusters(cands):
        remaining = list(cluster)
        while remaining:
            (s, e), label, votes = _decide(remaining, order)
            agree = sum(1 for v in votes.values() if v == label)
            if agree >= min_votes:
                spans.append([s, e, label])
                records.append({"start": s, "end": e, "label": label, "votes": votes,
                                "confidence": round(agree / n, 3), "disagreement": agree < n})
            remaining = [c for c in remaining if not _overlaps((c[0], c[1]), (s, e))]
    return sorted(spans), sorted(records, key=lambda r: (r["start"], r["end"]))
