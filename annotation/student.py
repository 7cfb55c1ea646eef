"""Pre-annotate with the current student, with a score per span.

spaCy's transition-based NER gives no probabilities, so the score is a Monte-Carlo dropout estimate: the
shared tok2vec encodes each text once; then `passes` times a random share `drop` of the encoding
(`doc.tensor`, which the NER's listener reads at inference) is zeroed (inverted dropout) and the NER decodes
again; a span's score is the share of those passes that reproduce it exactly (start, end, label). Spans the
PHI rules added (`doc.spans["medkiln_rules"]`) score at least their pattern's score. Pipelines without a
`ner` component reading `doc.tensor` (e.g. the MiniLM student) get no scores (None).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

RULES_KEY = "medkiln_rules"


def model_version(nlp) -> str:
    meta = nlp.meta
    return f"{meta.get('name', 'student')}-{meta.get('version', '0')}"


def _listener_ner(nlp) -> str | None:
    if "ner" not in nlp.pipe_names:
        return None
    ner = nlp.get_pipe("ner")
    tok2vec = ner.model.get_ref("tok2vec") if ner.model.has_ref("tok2vec") else None
    return "ner" if tok2vec is not None and "listener" in tok2vec.name else None


def _dropout_counts(nlp, texts: list[str], passes: int, drop: float, seed: int) -> list[Counter] | None:
    import numpy as np

    name = _listener_ner(nlp)
    if name is None:
        return None
    index = nlp.pipe_names.index(name)
    keep = set(nlp.pipe_names[:index])
    docs = list(nlp.pipe(texts, disable=[n for n in nlp.pipe_names if n not in keep]))
    ner, rng = nlp.get_pipe(name), np.random.default_rng(seed)
    counts = [Counter() for _ in docs]
    for _ in range(passes):
        copies = []
        for doc in docs:
            copy = doc.copy()
            copy.tensor = doc.tensor * (rng.random(doc.tensor.shape) >= drop) / (1.0 - drop)
            copies.append(copy)
        for copy, count in zip(ner.pipe(copies), counts):
            count.update((e.start_char, e.end_char, e.label_) for e in copy.ents)
    return counts


def _rule_scores(doc) -> dict:
    group = doc.spans.get(RULES_KEY) if hasattr(doc, "spans") else None
    if group is None:
        return {}
    best: dict = {}
    for span, score in zip(group, group.attrs.get("scores") or []):
        key = (span.start_char, span.end_char, span.label_)
        if score is not None:
            best[key] = max(float(score), best.get(key, 0.0))
    return best


def predict_records(nlp, records: Iterable[dict], *, passes: int = 10, drop: float = 0.4, seed: int = 0,
                    batch_size: int = 64) -> list[dict]:
    """`{"id", "text", "spans", "meta": {"scores": [...], "model_version"}}` for each input record."""
    records = list(records)
    texts = [rec["text"] for rec in records]
    counts = _dropout_counts(nlp, texts, passes, drop, seed) if passes > 0 else None
    version, out = model_version(nlp), []
    for i, (rec, doc) in enumerate(zip(records, nlp.pipe(texts, batch_size=batch_size))):
        rules = _rule_scores(doc)
        spans, scores = [], []
        for ent in doc.ents:
            key = (ent.start_char, ent.end_char, ent.label_)
            score = None if counts is None else counts[i][key] / passes
            if key in rules:
                score = max(score or 0.0, float(rules[key]))
            spans.append(list(key))
            scores.append(None if score is None else round(score, 4))
        out.append({"id": rec["id"], "text": rec["text"], "spans": spans,
                    "meta": {"scores": scores, "model_version": version,
                             "score_method": f"mc-dropout(tensor, p={drop}, passes={passes})"}})
    return out
