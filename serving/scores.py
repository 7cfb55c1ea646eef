"""A score per predicted span for CNN pipelines (spaCy's transition-based NER or `medkiln_tagger_ner`).

The score is a Monte-Carlo dropout estimate over the docs the pipeline already produced: the shared tok2vec
encoding (`doc.tensor`, which the NER's listener reads at inference) is perturbed `passes` times by zeroing
a random share `drop` of it (inverted dropout) and the NER decodes again; a span's score is the share of
passes that reproduce it exactly (start, end, label). Spans the PHI rules added (`doc.spans["medkiln_rules"]`)
score at least their pattern's score. Pipelines without a `ner` reading `doc.tensor` (e.g. the MiniLM
student) get None. Used by the review loop's push and by the Label Studio ML backend of `medkiln serve`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

RULES_KEY = "medkiln_rules"
METHOD = "mc-dropout(tensor, p={drop}, passes={passes})"


def listener_ner(nlp: Any) -> str | None:
    """The name of the `ner` component when it reads a shared tok2vec through a listener, else None."""
    if "ner" not in nlp.pipe_names:
        return None
    model = nlp.get_pipe("ner").model
    tok2vec = model.get_ref("tok2vec") if model.has_ref("tok2vec") else None
    return "ner" if tok2vec is not None and "listener" in tok2vec.name else None


def dropout_counts(nlp: Any, docs: list, *, passes: int, drop: float, seed: int) -> list[Counter] | None:
    """Per doc, how many of `passes` perturbed decodings produced each (start, end, label)."""
    import numpy as np

    name = listener_ner(nlp)
    if name is None or passes < 1 or any(doc.tensor is None or doc.tensor.size == 0 and len(doc) for doc in docs):
        return None
    ner, rng = nlp.get_pipe(name), np.random.default_rng(seed)
    counts = [Counter() for _ in docs]
    for _ in range(passes):
        copies = []
        for doc in docs:
            copy = doc.copy()
            copy.set_ents([], default="missing")  # the NER respects entities already set: decode afresh
            copy.tensor = doc.tensor * (rng.random(doc.tensor.shape) >= drop) / (1.0 - drop)
            copies.append(copy)
        for copy, count in zip(ner.pipe(copies), counts):
            count.update((e.start_char, e.end_char, e.label_) for e in copy.ents)
    return counts


def rule_scores(doc: Any) -> dict:
    """(start, end, label) -> the best pattern score of the rule spans the PHI rules component kept."""
    group = doc.spans.get(RULES_KEY) if hasattr(doc, "spans") else None
    if group is None:
        return {}
    best: dict = {}
    for span, score in zip(group, group.attrs.get("scores") or []):
        key = (span.start_char, span.end_char, span.label_)
        if score is not None:
            best[key] = max(float(score), best.get(key, 0.0))
    return best


def ent_scores(nlp: Any, docs: list, *, passes: int = 10, drop: float = 0.4, seed: int = 0) -> list[list]:
    """For each doc, one score (0..1, or None when the pipeline cannot say) per entity in `doc.ents`."""
    counts = dropout_counts(nlp, docs, passes=passes, drop=drop, seed=seed)
    out = []
    for i, doc in enumerate(docs):
        rules, scores = rule_scores(doc), []
        for ent in doc.ents:
            key = (ent.start_char, ent.end_char, ent.label_)
            score = None if counts is None else counts[i][key] / passes
            if key in rules:
                score = max(score or 0.0, rules[key])
            scores.append(None if score is None else round(score, 4))
        out.append(scores)
    return out
